package org.seamless.hub.alerts;

import ca.uhn.fhir.model.api.ResourceMetadataKeyEnum;
import ca.uhn.fhir.model.valueset.BundleEntrySearchModeEnum;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.SimpleBundleProvider;
import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IAnyResource;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Organization;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.mappings.canonical.NhsNumber;

/**
 * The pull in the shape of the national Patient Flags / CP-IS FHIR API (ADR 0081), served on its own FHIR
 * server at {@code [seamless.fhir.base-path]/[seamless.alerts.patient-flags.path]} (default
 * {@code /fhir/patient-flags}) so that a client integrated with the national API changes its base URL and
 * credentials, nothing else:
 * <ul>
 *   <li>{@code GET Flag?patient:identifier=https://fhir.nhs.uk/Id/nhs-number|<nhs>} (also {@code patient=<nhs>}
 *       and {@code patient.identifier=}), {@code _include=Flag:author} adds the council Organization;</li>
 *   <li>{@code GET CareTeam?patient:identifier=...}: the care team behind each flag (council contact);</li>
 *   <li>{@code GET AuditEvent?patient:identifier=...}: the access history of the flags the caller may see.</li>
 * </ul>
 * Header {@code IsUnscheduledAccessEvent}: {@code true} or absent, an unscheduled access (the council is
 * notified of a child protection or looked-after flag, unless the caller is a silent-read consumer);
 * {@code false}, a scheduled access (recorded, nobody notified). Each search runs the privacy chain like the
 * original pull; errors are OperationOutcomes that never repeat the value sent.
 */
public final class PatientFlagsProviders {
    public static final String UNSCHEDULED_HEADER = "IsUnscheduledAccessEvent";
    /** CP-IS: the 25 most recent accesses. */
    static final int HISTORY_LIMIT = 25;
    private static final Set<String> PATIENT_PARAMS = Set.of("patient:identifier", "patient.identifier", "patient");
    private static final Set<String> IGNORED = Set.of("_format", "_pretty", "_summary", "_include", "_revinclude",
            "_count");

    private PatientFlagsProviders() {
    }

    /** The three providers of the Patient Flags server. */
    public static List<IResourceProvider> all(FlagPulls pulls, FlagPullLimiter limiter, AlertAccessLog accesses) {
        Guard guard = new Guard(limiter);
        return List.of(new Flags(guard, pulls), new CareTeams(guard, pulls), new AuditEvents(guard, pulls, accesses));
    }

    /** Authentication, the agency's policy, the pull limit and the patient parameter, as the original pull. */
    record Guard(FlagPullLimiter limiter) {
        AgencyConfig caller() {
            Optional<AgencyConfig> caller = org.seamless.app.security.web.Callers.agency();
            if (caller.isEmpty()) {
                throw new AuthenticationException("Authentication required");
            }
            if (!caller.get().policy().flagPull()) {
                throw new ForbiddenOperationException("Only clinical systems may read flags",
                        outcome(OperationOutcome.IssueType.FORBIDDEN, "only clinical systems may read flags", null));
            }
            Optional<Duration> wait = limiter.acquire(caller.get().id());
            if (wait.isPresent()) {
                throw new FlagPullProvider.TooManyPulls(Math.max(1, (wait.get().toMillis() + 999) / 1000));
            }
            return caller.get();
        }
    }

    /** The NHS number of the single patient parameter; 400 without echoing it otherwise. */
    static NhsNumber nhsNumber(Map<String, String[]> params) {
        String found = null;
        String value = null;
        for (Map.Entry<String, String[]> p : params.entrySet()) {
            if (PATIENT_PARAMS.contains(p.getKey())) {
                if (found != null || p.getValue() == null || p.getValue().length != 1) {
                    throw invalid("Exactly one patient parameter is required", p.getKey());
                }
                found = p.getKey();
                value = p.getValue()[0];
            } else if (!IGNORED.contains(p.getKey())) {
                throw invalid("Unsupported search parameter; use patient:identifier", null);
            }
        }
        if (found == null || value == null || value.isBlank()) {
            throw invalid("patient:identifier is required", "patient:identifier");
        }
        String v = value.strip();
        if (!found.equals("patient") || v.contains("|")) {
            int bar = v.indexOf('|');
            if (bar < 0 || !NhsNumber.SYSTEM.equals(v.substring(0, bar))) {
                throw invalid(found + " must be " + NhsNumber.SYSTEM + "|<NHS number>", found);
            }
            v = v.substring(bar + 1);
        }
        return NhsNumber.tryParse(v).orElseThrow(() -> invalid(
                "the patient's NHS number is not valid (10 digits, Modulus 11 check)", "patient:identifier"));
    }

    /** The access kind the request says: {@code IsUnscheduledAccessEvent} true or absent, unscheduled. */
    static FlagPulls.AccessKind accessKind(ServletRequestDetails details) {
        String h = details.getHeader(UNSCHEDULED_HEADER);
        if (h == null || h.isBlank() || h.strip().equalsIgnoreCase("true")) {
            return FlagPulls.AccessKind.UNSCHEDULED;
        }
        if (h.strip().equalsIgnoreCase("false")) {
            return FlagPulls.AccessKind.SCHEDULED;
        }
        throw invalid(UNSCHEDULED_HEADER + " must be true or false", UNSCHEDULED_HEADER);
    }

    static boolean includes(ServletRequestDetails details) {
        String[] inc = details.getParameters().get("_include");
        return inc != null && inc.length > 0;
    }

    /**
     * One resource per released flag in the shape given, and (with {@code _include}) each owning council once:
     * the answer of the Flag and CareTeam searches.
     */
    static IBundleProvider released(ServletRequestDetails details, FlagPulls.Pull pull,
                                    java.util.function.Function<FlagPulls.Released, ? extends IBaseResource> shape) {
        List<IBaseResource> out = new ArrayList<>();
        Map<String, Organization> councils = new LinkedHashMap<>();
        for (FlagPulls.Released r : pull.released()) {
            out.add(shape.apply(r));
            councils.putIfAbsent(r.owner().id(), PatientFlagsResources.council(r.owner()));
        }
        if (includes(details)) {
            councils.values().forEach(o -> out.add(included(o)));
        }
        return new SimpleBundleProvider(out);
    }

    /** {@code GET Flag?patient:identifier=...}. */
    public static final class Flags implements IResourceProvider {
        private final Guard guard;
        private final FlagPulls pulls;

        Flags(Guard guard, FlagPulls pulls) {
            this.guard = guard;
            this.pulls = pulls;
        }

        @Override
        public Class<Flag> getResourceType() {
            return Flag.class;
        }

        @Search(allowUnknownParams = true)
        public IBundleProvider search(ServletRequestDetails details) {
            return released(details, pulls.pull(guard.caller(), nhsNumber(details.getParameters()), accessKind(details)),
                    PatientFlagsResources::flag);
        }
    }

    /** {@code GET CareTeam?patient:identifier=...}: one care team per flag the caller may see. */
    public static final class CareTeams implements IResourceProvider {
        private final Guard guard;
        private final FlagPulls pulls;

        CareTeams(Guard guard, FlagPulls pulls) {
            this.guard = guard;
            this.pulls = pulls;
        }

        @Override
        public Class<CareTeam> getResourceType() {
            return CareTeam.class;
        }

        @Search(allowUnknownParams = true)
        public IBundleProvider search(ServletRequestDetails details) {
            return released(details, pulls.pull(guard.caller(), nhsNumber(details.getParameters()), accessKind(details)),
                    PatientFlagsResources::careTeam);
        }
    }

    /**
     * {@code GET AuditEvent?patient:identifier=...}: the last {@value #HISTORY_LIMIT} accesses (not silent)
     * to the flags of the councils whose flags the caller may see now. Reading the history is on the ledger
     * like any pull but is not itself an access to notify.
     */
    public static final class AuditEvents implements IResourceProvider {
        private final Guard guard;
        private final FlagPulls pulls;
        private final AlertAccessLog accesses;

        AuditEvents(Guard guard, FlagPulls pulls, AlertAccessLog accesses) {
            this.guard = guard;
            this.pulls = pulls;
            this.accesses = accesses;
        }

        @Override
        public Class<AuditEvent> getResourceType() {
            return AuditEvent.class;
        }

        @Search(allowUnknownParams = true)
        public IBundleProvider search(ServletRequestDetails details) {
            AgencyConfig caller = guard.caller();
            NhsNumber nhs = nhsNumber(details.getParameters());
            accessKind(details); // why: a malformed header is refused here too
            FlagPulls.Pull pull = pulls.pull(caller, nhs, FlagPulls.AccessKind.HISTORY);
            List<AlertAccessLog.Access> rows = new ArrayList<>();
            pull.released().stream().map(r -> r.owner().id()).distinct()
                    .forEach(owner -> rows.addAll(accesses.lastVisibleTo(owner, nhs.value(), HISTORY_LIMIT)));
            rows.sort(Comparator.comparing(AlertAccessLog.Access::at).reversed());
            List<IBaseResource> out = new ArrayList<>();
            rows.stream().limit(HISTORY_LIMIT).forEach(a -> out.add(PatientFlagsResources.auditEvent(a, nhs)));
            return new SimpleBundleProvider(out);
        }
    }

    private static IBaseResource included(IAnyResource r) {
        ResourceMetadataKeyEnum.ENTRY_SEARCH_MODE.put(r, BundleEntrySearchModeEnum.INCLUDE);
        return r;
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
