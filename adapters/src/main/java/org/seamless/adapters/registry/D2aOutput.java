package org.seamless.adapters.registry;

import java.util.Arrays;
import java.util.Locale;

/**
 * What a local authority receives for the discharge to assess events (ADR 0061), from its registry
 * {@code policy.}{@value #PARAM} (ADR 0068; formerly an la-csv / la-soap adapter parameter, still read):
 * {@code events} (the new events, the default), {@code notices} (the Care Act notices generated from
 * them, for systems that still import only those) or {@code both}.
 */
public enum D2aOutput {
    EVENTS, NOTICES, BOTH;

    public static final String PARAM = "d2a-output";
    /** The description of the deprecated adapter parameter of the same name (la-csv, la-soap). */
    public static final String DESCRIPTION = "deprecated: write policy.d2a-output (events | notices | both; ADR 0068);"
            + " still read, with a warning";

    public boolean events() {
        return this != NOTICES;
    }

    public boolean notices() {
        return this != EVENTS;
    }

    /** The agency's choice; {@link #EVENTS} when not set. */
    public static D2aOutput of(AgencyConfig agency) {
        return agency.policy().d2aOutput();
    }

    public static D2aOutput parse(String value) {
        return Arrays.stream(values()).filter(v -> v.name().toLowerCase(Locale.ROOT).equals(value.strip()))
                .findFirst().orElseThrow(() -> new RegistryException(PARAM + " must be events, notices or both"));
    }
}
