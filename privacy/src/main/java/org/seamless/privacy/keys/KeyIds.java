package org.seamless.privacy.keys;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Key ids and domain names. A key id is the purpose letter and the key's UTC creation time to
 * the millisecond, e.g. {@code k20261121t054603123}: unique in a key store (a new id is always
 * later than every existing one), sortable as text, lower case (PKCS#12 aliases are case-folded)
 * and never holding a run of ten digits.
 */
final class KeyIds {
    static final Pattern KEY_ID = Pattern.compile("[kt]\\d{8}t\\d{9}");
    private static final Pattern DOMAIN = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("uuuuMMdd't'HHmmssSSS", Locale.ROOT).withZone(ZoneOffset.UTC);

    private KeyIds() {
    }

    /** The domain in canonical (lower-case) form; rejects names that cannot be a key alias. */
    static String domain(String domain) {
        if (domain == null) {
            throw new IllegalArgumentException("pseudonym domain is missing");
        }
        String d = domain.toLowerCase(Locale.ROOT);
        if (!DOMAIN.matcher(d).matches()) {
            throw new IllegalArgumentException("pseudonym domain must be 1-63 letters, digits, '-' or '_' "
                    + "and start with a letter or digit");
        }
        return d;
    }

    static String alias(String domain, String keyId) {
        return domain + "." + keyId;
    }

    /** A new key id for the purpose, later than every id in {@code existing}. */
    static String next(KeyPurpose purpose, Instant now, Collection<String> existing) {
        Instant at = now;
        for (String id : existing) {
            Instant used = instantOf(id);
            if (!at.isAfter(used)) {
                at = used.plusMillis(1);
            }
        }
        return purpose.prefix() + STAMP.format(at);
    }

    static Instant instantOf(String keyId) {
        return STAMP.parse(keyId.substring(1), Instant::from);
    }

    static boolean isKeyId(String text) {
        return text != null && KEY_ID.matcher(text).matches();
    }
}
