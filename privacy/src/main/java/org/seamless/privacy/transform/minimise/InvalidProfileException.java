package org.seamless.privacy.transform.minimise;

/** A minimisation profile file is wrong. The message names the file, the profile and the problem. */
public class InvalidProfileException extends IllegalArgumentException {
    private final String profile;

    public InvalidProfileException(String source, String profile, String problem) {
        super("minimisation profiles " + source + (profile == null ? "" : ": profile '" + profile + "'")
                + ": " + problem);
        this.profile = profile;
    }

    /** The profile at fault, or null when the problem is in the file as a whole. */
    public String profile() {
        return profile;
    }
}
