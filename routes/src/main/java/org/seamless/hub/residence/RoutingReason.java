package org.seamless.hub.residence;

/** Why a residence-based message went to the local authority it went to; the code is what is recorded. */
public enum RoutingReason {
    /** The message's UPRN is listed in the address directory (ADR 0062). */
    UPRN("uprn", false),
    /** The postcode straddles LAs and the normalised address matched properties of one LA (ADR 0062). */
    ADDRESS("address", false),
    /** The full postcode is live in the postcode directory. */
    POSTCODE("postcode", false),
    /** The postcode is not (or no longer) live, but every live postcode of its district is in one LA. */
    DISTRICT("district", false),
    /** The directory does not know the district; the registry's catchment of an LA names it. */
    CATCHMENT("catchment", false),
    /** ZZ99 3VZ: no fixed abode. Never guessed. */
    NO_FIXED_ABODE("fallback-no-fixed-abode", true),
    /** Another ZZ99 pseudo-postcode (address not known, country only). Never guessed. */
    PSEUDO_POSTCODE("fallback-pseudo-postcode", true),
    /** The district's live postcodes lie in more than one LA and the full postcode is not live. */
    AMBIGUOUS_DISTRICT("fallback-ambiguous-district", true),
    /**
     * The postcode's properties lie in more than one LA and neither a listed UPRN nor the address
     * (absent, unmatched, or matching properties of several LAs) decides (ADR 0062).
     */
    STRADDLING_POSTCODE("fallback-straddling-postcode", true),
    /** Neither the postcode nor its district is known (or the postcode is malformed). */
    UNKNOWN_POSTCODE("fallback-unknown-postcode", true),
    /** The patient has no current postcode. */
    NO_POSTCODE("fallback-no-postcode", true),
    /** The postcode's LA is known but no agency in the registry has that LA code. */
    LA_NOT_CONNECTED("fallback-la-not-connected", true);

    private final String code;
    private final boolean fallback;

    RoutingReason(String code, boolean fallback) {
        this.code = code;
        this.fallback = fallback;
    }

    public String code() {
        return code;
    }

    /** True when the message went to the sending trust's host LA rather than a resolved one. */
    public boolean fallback() {
        return fallback;
    }
}
