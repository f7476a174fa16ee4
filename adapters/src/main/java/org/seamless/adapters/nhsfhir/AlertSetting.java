package org.seamless.adapters.nhsfhir;

import java.util.regex.Pattern;
import org.seamless.adapters.registry.AgencyConfig;

/**
 * The clinical setting an authenticated agency stands for when it pulls flags ({@code alert-settings}
 * of the nhs-fhir adapter: {@code id|name|silent-read}). It comes from the registry entry of the
 * authenticated agency, never from the request (ADR 0017). Without the parameter the setting is the
 * agency itself and not silent: a safeguarding notification is the safe default.
 *
 * @param silentRead true: pulls from this setting never notify the owning LA (e.g. sexual health services)
 */
public record AlertSetting(String id, String name, boolean silentRead) {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    public static AlertSetting of(AgencyConfig agency) {
        AlertSetting s = agency.adapter().param(NhsFhirAdapterType.ALERT_SETTINGS).filter(v -> !v.isBlank())
                .map(v -> parse(v, agency.id()))
                .orElseGet(() -> new AlertSetting(agency.id(), agency.name(), false));
        // why: a silent-read consumer in the registry policy (ADR 0081) is silent whatever its adapter says
        return agency.policy().silentRead() && !s.silentRead() ? new AlertSetting(s.id(), s.name(), true) : s;
    }

    static AlertSetting parse(String raw, String agencyId) {
        String[] parts = raw.split("\\|", -1);
        if (parts.length != 3 || !ID.matcher(parts[0].strip()).matches() || parts[1].isBlank()
                || !(parts[2].strip().equals("true") || parts[2].strip().equals("false"))) {
            throw new IllegalArgumentException("agency " + agencyId + ": " + NhsFhirAdapterType.ALERT_SETTINGS
                    + " must be id|name|true or id|name|false");
        }
        return new AlertSetting(parts[0].strip(), parts[1].strip(), Boolean.parseBoolean(parts[2].strip()));
    }
}
