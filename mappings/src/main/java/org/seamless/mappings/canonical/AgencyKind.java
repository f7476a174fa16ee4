package org.seamless.mappings.canonical;

import java.util.Arrays;

/** The kinds of organisation Seamless links. Sharing rules are written in terms of these. */
public enum AgencyKind {
    NHS_TRUST("nhs-trust"),
    LOCAL_AUTHORITY("local-authority"),
    VOLUNTARY_ORG("voluntary-org");

    private final String code;

    AgencyKind(String code) {
        this.code = code;
    }

    /** The configuration spelling, e.g. {@code nhs-trust}. */
    public String code() {
        return code;
    }

    public static AgencyKind fromCode(String code) {
        return Arrays.stream(values())
                .filter(k -> k.code.equals(code))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "unknown agency kind '" + code + "' (expected one of nhs-trust, local-authority, voluntary-org)"));
    }
}
