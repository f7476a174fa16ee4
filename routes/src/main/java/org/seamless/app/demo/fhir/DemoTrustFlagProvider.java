package org.seamless.app.demo.fhir;

import ca.uhn.fhir.rest.annotation.ConditionalUrlParam;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.annotation.Update;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.SimpleBundleProvider;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * The demo trust's Flag endpoint: conditional update {@code PUT Flag?identifier=system|value}
 * (create when none matches, update otherwise), read, and search by identifier, {@code patient.identifier}
 * and {@code status}, paged (the server has a paging provider: {@code _count}, {@code next} links).
 */
public class DemoTrustFlagProvider implements IResourceProvider {
    static final int PAGE_SIZE = 50;
    /** R4 defines no Flag status search parameter; the demo server offers one (a custom parameter, as HAPI allows). */
    static final String STATUS = "status";
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

    /**
     * Search as a HAPI server answers it: any of {@code identifier}, {@code patient.identifier} (the Flag's
     * subject by its identifier, as the pushed Flags carry it) and {@code status}, or none (all Flags);
     * paged by {@code _count} with {@code next} links.
     */
    @Search
    public IBundleProvider search(@OptionalParam(name = Flag.SP_IDENTIFIER) TokenParam identifier,
                                  @OptionalParam(name = Flag.SP_PATIENT, chainWhitelist = {Patient.SP_IDENTIFIER},
                                          targetTypes = {Patient.class}) ReferenceParam patient,
                                  @OptionalParam(name = STATUS) TokenParam status,
                                  HttpServletRequest request) {
        authorise(request);
        if (patient != null && !Patient.SP_IDENTIFIER.equals(patient.getChain())) {
            throw new InvalidRequestException("Flag?patient is searched by patient.identifier only");
        }
        TokenParam subject = patient == null ? null : token(patient.getValue());
        List<Flag> found = flags.search(f -> (identifier == null || f.getIdentifier().stream()
                        .anyMatch(i -> tokenMatches(identifier, i.getSystem(), i.getValue())))
                && (subject == null || f.getSubject().hasIdentifier() && tokenMatches(subject,
                        f.getSubject().getIdentifier().getSystem(), f.getSubject().getIdentifier().getValue()))
                && (status == null || f.hasStatus() && status.getValue().equals(f.getStatus().toCode())));
        SimpleBundleProvider out = new SimpleBundleProvider(List.copyOf(found));
        out.setPreferredPageSize(PAGE_SIZE);
        return out;
    }

    private static TokenParam token(String systemBarValue) {
        int bar = systemBarValue.indexOf('|');
        return bar < 0 ? new TokenParam(null, systemBarValue)
                : new TokenParam(systemBarValue.substring(0, bar), systemBarValue.substring(bar + 1));
    }

    private static boolean tokenMatches(TokenParam t, String system, String value) {
        return (t.getSystem() == null || t.getSystem().isEmpty() || t.getSystem().equals(system))
                && t.getValue() != null && t.getValue().equals(value);
    }

    private void authorise(HttpServletRequest request) {
        if (token.isPresent() && !("Bearer " + token.get()).equals(request.getHeader("Authorization"))) {
            throw new AuthenticationException("bearer token required");
        }
    }
}
