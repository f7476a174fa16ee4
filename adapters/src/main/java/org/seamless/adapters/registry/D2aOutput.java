package org.seamless.adapters.registry;

import java.util.Arrays;
import java.util.Locale;

/**
 * What a local authority receives for the discharge to assess events (ADR 0061), from its adapter
 * parameter {@value #PARAM}: {@code events} (the new events, the default), {@code notices} (the
 * Care Act notices generated from them, for systems that still import only those) or {@code both}.
 */
public enum D2aOutput {
    EVENTS, NOTICES, BOTH;

    public static final String PARAM = "d2a-output";
    public static final String DESCRIPTION = "events | notices | both: the discharge to assess events, the Care Act"
            + " notices generated from them (for a case system that imports only the old notices), or both";

    public boolean events() {
        return this != NOTICES;
    }

    public boolean notices() {
        return this != EVENTS;
    }

    /** The agency's choice; {@link #EVENTS} when not set. */
    public static D2aOutput of(AgencyConfig agency) {
        return agency.adapter().param(PARAM).filter(v -> !v.isBlank()).map(D2aOutput::parse).orElse(EVENTS);
    }

    public static D2aOutput parse(String value) {
        return Arrays.stream(values()).filter(v -> v.name().toLowerCase(Locale.ROOT).equals(value.strip()))
                .findFirst().orElseThrow(() -> new RegistryException(PARAM + " must be events, notices or both"));
    }
}
