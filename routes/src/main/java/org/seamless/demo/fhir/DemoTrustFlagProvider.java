package org.seamless.demo.fhir;

import ca.uhn.fhir.rest.annotation.ConditionalUrlParam;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.RequiredParam;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.annotation.Update;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * The demo trust's Flag endpoint: conditional update {@code PUT Flag?identifier=system|value}
 * (create when none matches, update otherwise), read, and search by identifier.
 */
public class DemoTrustFlagProvider implements IResourceProvider {
    private final DemoTrustFlags flags;
    private final Optional<String> token;

    public DemoTrustFlagProvider(DemoTrustFlags flags, Optional<String> token) {
        this.flags = flags;
        this.token = token;
    }

    @Override
    public Class<? extends IBaseResource> getResourceType() {
        return Flag.class;
    }

    @Update
    public MethodOutcome update(@IdParam IdType id, @ResourceParam Flag flag, @ConditionalUrlParam String conditional,
                                HttpServletRequest request) {
        authorise(request);
        if (conditional == null || !conditional.contains("identifier=")) {
            throw new InvalidRequestException("only conditional update on identifier is supported");
        }
        String raw = java.net.URLDecoder.decode(conditional.substring(conditional.indexOf("identifier=") + 11),
                java.nio.charset.StandardCharsets.UTF_8);
        int bar = raw.indexOf('|');
        String system = bar < 0 ? null : raw.substring(0, bar);
        String value = bar < 0 ? raw : raw.substring(bar + 1);
        Object[] r = flags.upsert(system, value, flag);
        MethodOutcome out = new MethodOutcome(new IdType("Flag", (String) r[0], Long.toString((Long) r[2])));
        out.setCreated((Boolean) r[1]);
        return out;
    }

    @Read
    public Flag read(@IdParam IdType id, HttpServletRequest request) {
        authorise(request);
        return flags.read(id.getIdPart()).orElseThrow(() -> new ResourceNotFoundException(id));
    }

    @Search
    public List<Flag> byIdentifier(@RequiredParam(name = Flag.SP_IDENTIFIER) TokenParam identifier,
                                   HttpServletRequest request) {
        authorise(request);
        return flags.findByIdentifier(identifier.getSystem(), identifier.getValue()).map(List::of).orElse(List.of());
    }

    private void authorise(HttpServletRequest request) {
        if (token.isPresent() && !("Bearer " + token.get()).equals(request.getHeader("Authorization"))) {
            throw new AuthenticationException("bearer token required");
        }
    }
}
