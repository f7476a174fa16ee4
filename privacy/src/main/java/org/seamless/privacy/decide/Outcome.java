package org.seamless.privacy.decide;

/** The closed set of outcomes of a sharing decision for one recipient. */
public enum Outcome {
    RELEASE_IDENTIFIABLE,
    RELEASE_PSEUDONYMISED,
    WITHHOLD
}
