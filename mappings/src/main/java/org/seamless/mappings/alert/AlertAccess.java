package org.seamless.mappings.alert;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.seamless.mappings.canonical.NhsNumber;

/**
 * One access to a child's alerts, for the owning LA: who (the caller's organisation and clinical
 * setting, both from its authenticated identity and the registry), when, and which alerts were seen.
 *
 * @param flags the viewed alerts' business identifier values ({@code <LA agency id>/<alert id>}) and types
 */
public record AlertAccess(NhsNumber nhsNumber, Instant accessedAt, String callerAgencyId, String callerOdsCode,
                          String callerName, String settingId, String settingName, List<Viewed> flags) {

    /** The project's identifier system for a clinical setting ({@code <agency id>/<setting id>}). */
    public static final String SETTING_SYSTEM = "https://seamless.dev/fhir/Id/clinical-setting";

    public AlertAccess {
        Objects.requireNonNull(nhsNumber, "nhsNumber");
        Objects.requireNonNull(accessedAt, "accessedAt");
        Objects.requireNonNull(callerAgencyId, "callerAgencyId");
        Objects.requireNonNull(settingId, "settingId");
        flags = List.copyOf(flags);
        if (flags.isEmpty()) {
            throw new IllegalArgumentException("an access notification names at least one viewed alert");
        }
    }

    /** A viewed alert. */
    public record Viewed(String identifierValue, AlertType type) {
    }
}
