package org.seamless.hub.residence;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Properties to ONS local authority district codes (ADR 0062), beside the {@link PostcodeDirectory}:
 * by UPRN (one sorted {@code long[]} of UPRN &lt;&lt; 16 | LA index, 8 bytes a property) and, for the
 * postcodes whose properties lie in more than one LA ("straddling" postcodes), by normalised address
 * ({@link Addresses#key}). Address lines are kept only for straddling postcodes.
 */
public final class AddressDirectory {
    private final long[] uprns;
    private final String[] laCodes;
    private final Map<Long, List<Entry>> straddling;

    private AddressDirectory(long[] uprns, String[] laCodes, Map<Long, List<Entry>> straddling) {
        this.uprns = uprns;
        this.laCodes = laCodes;
        this.straddling = Map.copyOf(straddling);
    }

    /** A directory that knows no property: residence routing then goes by postcode alone. */
    public static AddressDirectory empty() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The LA of a UPRN the directory lists. */
    public Optional<String> laOfUprn(long uprn) {
        long lo = uprn << 16;
        int i = Arrays.binarySearch(uprns, lo);
        int at = i >= 0 ? i : -i - 1;
        if (at < uprns.length && (uprns[at] >>> 16) == uprn) {
            return Optional.of(laCodes[(int) (uprns[at] & 0xFFFF)]);
        }
        return Optional.empty();
    }

    /** Whether the properties the directory lists under this (normalised) postcode lie in more than one LA. */
    public boolean straddles(String normalisedPostcode) {
        return straddling.containsKey(Postcodes.key(normalisedPostcode));
    }

    /**
     * The LAs of the listed properties of a straddling postcode whose address key is the given key; if
     * none is equal, of those whose key is the start of the given key (the message has a locality line
     * after the street). Empty when nothing matches.
     */
    public Set<String> lasOfAddress(String normalisedPostcode, String addressKey) {
        List<Entry> entries = straddling.getOrDefault(Postcodes.key(normalisedPostcode), List.of());
        Set<String> exact = new TreeSet<>();
        Set<String> prefix = new TreeSet<>();
        for (Entry e : entries) {
            if (e.key.equals(addressKey)) {
                exact.add(laCodes[e.la]);
            } else if (addressKey.startsWith(e.key + " ")) {
                prefix.add(laCodes[e.la]);
            }
        }
        return exact.isEmpty() ? prefix : exact;
    }

    public int uprnCount() {
        return uprns.length;
    }

    public int straddlingPostcodes() {
        return straddling.size();
    }

    private record Entry(String key, int la) {
    }

    /** Collects rows; not thread-safe. */
    public static final class Builder {
        private long[] uprns = new long[1 << 10];
        private int uprnCount;
        private long[] postcodeLas = new long[1 << 10];
        private int postcodeLaCount;
        private final List<long[]> addressRefs = new ArrayList<>();
        private final List<String> addressKeys = new ArrayList<>();
        private final Map<String, Integer> laIndex = new HashMap<>();
        private final List<String> laCodes = new ArrayList<>();

        /**
         * Adds one property: any of UPRN, postcode (normalised) and address key may be absent (null or
         * blank), but the LA code may not.
         */
        public Builder add(Long uprn, String normalisedPostcode, String addressKey, String laCode) {
            int la = laIndex.computeIfAbsent(laCode, c -> {
                laCodes.add(c);
                return laCodes.size() - 1;
            });
            if (la > 0xFFFF) {
                throw new IllegalStateException("more than 65536 local authority codes");
            }
            if (uprn != null) {
                if (uprnCount == uprns.length) {
                    uprns = Arrays.copyOf(uprns, uprns.length * 2);
                }
                uprns[uprnCount++] = uprn << 16 | la;
            }
            if (normalisedPostcode != null) {
                long pc = Postcodes.key(normalisedPostcode);
                if (postcodeLaCount == postcodeLas.length) {
                    postcodeLas = Arrays.copyOf(postcodeLas, postcodeLas.length * 2);
                }
                postcodeLas[postcodeLaCount++] = pc << 16 | la;
                if (addressKey != null && !addressKey.isEmpty()) {
                    addressRefs.add(new long[] {pc, la});
                    addressKeys.add(addressKey);
                }
            }
            return this;
        }

        /** @throws IllegalArgumentException when a UPRN is listed with two different LAs */
        public AddressDirectory build() {
            long[] sortedUprns = Arrays.copyOf(uprns, uprnCount);
            Arrays.sort(sortedUprns);
            int n = 0;
            int conflicts = 0;
            for (long e : sortedUprns) {
                if (n > 0 && (sortedUprns[n - 1] >>> 16) == (e >>> 16)) {
                    conflicts += sortedUprns[n - 1] == e ? 0 : 1;
                    continue;
                }
                sortedUprns[n++] = e;
            }
            if (conflicts > 0) {
                throw new IllegalArgumentException(conflicts + " UPRN(s) listed with more than one local authority");
            }
            long[] pcs = Arrays.copyOf(postcodeLas, postcodeLaCount);
            Arrays.sort(pcs);
            Map<Long, List<Entry>> straddling = new HashMap<>();
            for (int i = 1; i < pcs.length; i++) {
                if ((pcs[i] >>> 16) == (pcs[i - 1] >>> 16) && pcs[i] != pcs[i - 1]) {
                    straddling.putIfAbsent(pcs[i] >>> 16, new ArrayList<>());
                }
            }
            for (int i = 0; i < addressRefs.size(); i++) {
                List<Entry> entries = straddling.get(addressRefs.get(i)[0]);
                if (entries != null) {
                    entries.add(new Entry(addressKeys.get(i), (int) addressRefs.get(i)[1]));
                }
            }
            straddling.replaceAll((k, v) -> List.copyOf(v));
            return new AddressDirectory(n == sortedUprns.length ? sortedUprns : Arrays.copyOf(sortedUprns, n),
                    laCodes.toArray(String[]::new), straddling);
        }
    }
}
