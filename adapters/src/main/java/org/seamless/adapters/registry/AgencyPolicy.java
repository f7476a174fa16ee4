package org.seamless.adapters.registry;

import java.util.List;
import java.util.Optional;
import org.seamless.mappings.canonical.AgencyKind;

/**
 * What the hub does for an agency, whatever its adapter type ({@code policy:} in the registry; ADR 0068).
 * An adapter holds transport settings only; routing, subscription and output choices live here.
 *
 * @param hostLocalAuthority  agency id of the local authority that takes a discharge notice from this
 *                            agency when the patient's residence gives none (out of area, no address)
 * @param alertSubscriptions  agency ids of the local authorities whose social care alerts are pushed to
 *                            this agency; {@code *} subscribes to every local authority
 * @param flagPull            whether this agency may pull social care alert flags (a clinical system);
 *                            default: true for an NHS trust, false for any other kind
 * @param d2aOutput           what a local authority receives for the discharge to assess events (ADR 0061):
 *                            the events (default), the Care Act notices made from them, or both
 * @param alertSetting        the clinical setting this agency's credentials stand for when it pulls flags
 *                            (ADR 0017); empty: the agency itself, not silent ({@link AlertSetting#of})
 * @param silentRead          a silent-read consumer (ADR 0081): its pulls of flags are recorded but never notify
 *                            the owning council, whatever the request says (e.g. a sexual health service)
 * @param contactPhone        the agency's office-hours contact number, shown to clinicians beside its alerts
 *                            (the Patient Flags CareTeam; a council's children's services front door)
 * @param outOfHoursPhone     the agency's out-of-hours (emergency duty team) number, shown beside its alerts
 */
public record AgencyPolicy(Optional<String> hostLocalAuthority, List<String> alertSubscriptions, boolean flagPull,
                           D2aOutput d2aOutput, Optional<AlertSetting> alertSetting, boolean silentRead,
                           Optional<String> contactPhone, Optional<String> outOfHoursPhone) {

    public AgencyPolicy {
        hostLocalAuthority = hostLocalAuthority == null ? Optional.empty() : hostLocalAuthority;
        alertSubscriptions = alertSubscriptions == null ? List.of() : List.copyOf(alertSubscriptions);
        d2aOutput = d2aOutput == null ? D2aOutput.EVENTS : d2aOutput;
        alertSetting = alertSetting == null ? Optional.empty() : alertSetting;
        contactPhone = contactPhone == null ? Optional.empty() : contactPhone;
        outOfHoursPhone = outOfHoursPhone == null ? Optional.empty() : outOfHoursPhone;
    }

    /** The ADR 0068 form: not a silent-read consumer, no contact numbers. */
    public AgencyPolicy(Optional<String> hostLocalAuthority, List<String> alertSubscriptions, boolean flagPull,
                        D2aOutput d2aOutput, Optional<AlertSetting> alertSetting) {
        this(hostLocalAuthority, alertSubscriptions, flagPull, d2aOutput, alertSetting, false, Optional.empty(),
                Optional.empty());
    }

    /** The policy of an agency whose registry entry says nothing: no host LA, no subscriptions, flag pulls by kind. */
    public static AgencyPolicy defaults(AgencyKind kind) {
        return new AgencyPolicy(Optional.empty(), List.of(), kind == AgencyKind.NHS_TRUST, D2aOutput.EVENTS,
                Optional.empty());
    }

    /**
     * The policy an agency built in code without one has: the defaults of its kind, with the policy still
     * written the deprecated way, as adapter parameters ({@link AgencyRegistryLoader#DEPRECATED_POLICY_PARAMS}).
     */
    public static AgencyPolicy of(AgencyKind kind, AdapterConfig adapter) {
        AgencyPolicy d = defaults(kind);
        if (adapter == null) {
            return d;
        }
        return new AgencyPolicy(adapter.param(AgencyRegistryLoader.HOST_LOCAL_AUTHORITY).filter(s -> !s.isBlank()),
                adapter.param(AgencyRegistryLoader.ALERT_SUBSCRIPTIONS).stream()
                        .flatMap(v -> java.util.Arrays.stream(v.split(","))).map(String::strip)
                        .filter(s -> !s.isBlank()).toList(), d.flagPull(),
                adapter.param(AgencyRegistryLoader.D2A_OUTPUT).filter(s -> !s.isBlank()).map(D2aOutput::parse)
                        .orElse(D2aOutput.EVENTS),
                adapter.param(AgencyRegistryLoader.ALERT_SETTINGS).filter(s -> !s.isBlank()).map(AlertSetting::parse));
    }

    /** True when the agency takes the local authority's alerts ({@code *}: every local authority's). */
    public boolean subscribesTo(String laId) {
        return alertSubscriptions.stream().anyMatch(s -> s.equals("*") || s.equals(laId));
    }
}
