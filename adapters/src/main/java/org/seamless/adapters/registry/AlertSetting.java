package org.seamless.adapters.registry;

import java.util.regex.Pattern;

/**
 * The clinical setting an authenticated agency stands for when it pulls flags (registry
 * {@code policy.alert-settings}: {@code id|name|silent-read}; ADR 0017, ADR 0068). It comes from the registry
 * entry of the authenticated agency, never from the request. Without it the setting is the agency itself
 * and not silent: a safeguarding notification is the safe default.
 *
 * @param silentRead true: pulls from this setting never notify the owning LA (e.g. sexual health services)
 */
public record AlertSetting(String id, String name, boolean silentRead) {
    /** The registry key, under {@code policy:} (formerly an nhs-fhir adapter parameter). */
    public static final String KEY = "alert-settings";
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    public static AlertSetting of(AgencyConfig agency) {
        AlertSetting s = agency.policy().alertSetting()
                .orElseGet(() -> new AlertSetting(agency.id(), agency.name(), false));
        // why: a silent-read consumer in the registry policy (ADR 0081) is silent whatever its alert-settings say
        return agency.policy().silentRead() && !s.silentRead() ? new AlertSetting(s.id(), s.name(), true) : s;
    }

    /** {@code id|name|true} or {@code id|name|false}. */
    public static AlertSetting parse(String raw) {
        String[] parts = raw.split("\\|", -1);
        if (parts.length != 3 || !ID.matcher(parts[0].strip()).matches() || parts[1].isBlank()
                || !(parts[2].strip().equals("true") || parts[2].strip().equals("false"))) {
            throw new RegistryException(KEY + " must be id|name|true or id|name|false");
        }
        return new AlertSetting(parts[0].strip(), parts[1].strip(), Boolean.parseBoolean(parts[2].strip()));
    }
}
