package org.seamless.privacy.keys;

/**
 * A pseudonym that is well formed and names one of the domain's keys.
 *
 * @param keyId   the key it was made under
 * @param current whether that key is still the domain's current key (false after a rotation)
 */
public record RecognisedPseudonym(String keyId, boolean current) {
}
