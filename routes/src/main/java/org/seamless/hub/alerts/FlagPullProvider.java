package org.seamless.hub.alerts;

import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.adapters.spi.AgencyAuthenticator;
import org.seamless.mappings.canonical.NhsNumber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET [base]/Flag?patient.identifier=https://fhir.nhs.uk/Id/nhs-number|<nhs>}: the pull interface
 * for clinical systems (ADR 0017). The caller is authenticated per agency (an nhs-fhir agency); its
 * organisation and setting come from the registry. Errors are OperationOutcomes that never repeat the
 * value sent.
 */
public class FlagPullProvider implements IResourceProvider {
    private static final Logger log = LoggerFactory.getLogger(FlagPullProvider.class);
    static final String PARAM = "patient.identifier";
    private static final Set<String> IGNORED = Set.of("_format", "_pretty", "_summary");

    private final AgencyAuthenticator authenticator;
    private final FlagPulls pulls;
    private final FlagPullLimiter limiter;

    public FlagPullProvider(AgencyAuthenticator authenticator, FlagPulls pulls, FlagPullLimiter limiter) {
        this.authenticator = authenticator;
        this.pulls = pulls;
        this.limiter = limiter;
    }

    @Override
    public Class<Flag> getResourceType() {
        return Flag.class;
    }

    @Search(allowUnknownParams = true)
    public List<Flag> search(ServletRequestDetails details) {
        Optional<AgencyConfig> caller = org.seamless.app.security.web.Callers.agency();
        if (caller.isEmpty()) {
            throw new AuthenticationException("Authentication required");
        }
        if (!caller.get().policy().flagPull()) { // why: agency policy (registry), whatever its adapter type
            throw new ForbiddenOperationException("Only clinical systems (nhs-fhir agencies) may pull flags",
                    outcome(OperationOutcome.IssueType.FORBIDDEN, "only clinical systems may pull flags", null));
        }
        Optional<Duration> wait = limiter.acquire(caller.get().id());
        if (wait.isPresent()) {
            log.debug("flag pull by agency {} over its limit", caller.get().id());
            throw new TooManyPulls(Math.max(1, (wait.get().toMillis() + 999) / 1000));
        }
        return pulls.pull(caller.get(), nhsNumber(details.getParameters()));
    }

    /** 429 with Retry-After (whole seconds): the agency pulled more than its limit (ADR 0039). */
    static final class TooManyPulls extends BaseServerResponseException {
        TooManyPulls(long retryAfterSeconds) {
            super(429, TEXT, outcome(OperationOutcome.IssueType.THROTTLED, TEXT, null));
            addResponseHeader("Retry-After", Long.toString(retryAfterSeconds));
        }

        private static final String TEXT = "Too many flag pulls by this agency; retry after the time in Retry-After";
    }

    /** The NHS number of the single {@code patient.identifier} parameter; 400 without echoing it otherwise. */
    static NhsNumber nhsNumber(Map<String, String[]> params) {
        for (String name : params.keySet()) {
            if (!PARAM.equals(name) && !IGNORED.contains(name)) {
                throw invalid("Unsupported search parameter; only patient.identifier is supported", null);
            }
        }
        String[] values = params.get(PARAM);
        if (values == null || values.length != 1 || values[0] == null || values[0].isBlank()) {
            throw invalid("Exactly one patient.identifier parameter is required", PARAM);
        }
        String v = values[0].strip();
        int bar = v.indexOf('|');
        if (bar < 0 || !NhsNumber.SYSTEM.equals(v.substring(0, bar))) {
            throw invalid("patient.identifier must be " + NhsNumber.SYSTEM + "|<NHS number>", PARAM);
        }
        return NhsNumber.tryParse(v.substring(bar + 1))
                .orElseThrow(() -> invalid("patient.identifier is not a valid NHS number (10 digits, Modulus 11 check)",
                        PARAM));
    }

    private static InvalidRequestException invalid(String text, String expression) {
        return new InvalidRequestException(text, outcome(OperationOutcome.IssueType.INVALID, text, expression));
    }

    private static OperationOutcome outcome(OperationOutcome.IssueType type, String text, String expression) {
        OperationOutcome oo = new OperationOutcome();
        var issue = oo.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR).setCode(type).setDiagnostics(text);
        if (expression != null) {
            issue.addExpression(expression);
        }
        return oo;
    }
}
