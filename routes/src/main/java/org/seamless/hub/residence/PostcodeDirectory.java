package org.seamless.hub.residence;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Live postcodes to ONS local authority district codes, held compactly: one sorted {@code long[]}
 * whose entries are (postcode key &lt;&lt; 16 | LA index), about 8 bytes per postcode, plus a small
 * map of district to LA (or "ambiguous") built from the same live postcodes.
 */
public final class PostcodeDirectory {
    static final int AMBIGUOUS = -1;
    private final long[] entries;
    private final String[] laCodes;
    private final Map<String, Integer> districts;

    PostcodeDirectory(long[] entries, String[] laCodes, Map<String, Integer> districts) {
        this.entries = entries;
        this.laCodes = laCodes;
        this.districts = Map.copyOf(districts);
    }

    /** Starts a directory; add live postcodes, then {@link Builder#build()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** The LA of a live, normalised postcode. */
    public Optional<String> laOfPostcode(String normalised) {
        long lo = Postcodes.key(normalised) << 16;
        int i = Arrays.binarySearch(entries, lo);
        int at = i >= 0 ? i : -i - 1;
        if (at < entries.length && (entries[at] >>> 16) == (lo >>> 16)) {
            return Optional.of(laCodes[(int) (entries[at] & 0xFFFF)]);
        }
        return Optional.empty();
    }

    /** Whether the directory has live postcodes in this district. */
    public boolean knowsDistrict(String district) {
        return districts.containsKey(district);
    }

    /** The district's LA when all its live postcodes are in one LA. */
    public Optional<String> laOfDistrict(String district) {
        Integer la = districts.get(district);
        return la == null || la == AMBIGUOUS ? Optional.empty() : Optional.of(laCodes[la]);
    }

    public int size() {
        return entries.length;
    }

    /** Approximate heap held: the entry array, the LA code table and the district map. */
    public long approximateBytes() {
        return 16L + 8L * entries.length + 64L * laCodes.length + 96L * districts.size();
    }

    /** Collects live postcodes; not thread-safe. */
    public static final class Builder {
        private long[] entries = new long[1 << 12];
        private int count;
        private final Map<String, Integer> laIndex = new HashMap<>();
        private final List<String> laCodes = new java.util.ArrayList<>();
        private final Map<String, Integer> districts = new HashMap<>();

        /** Adds a live postcode (normalised) in the given LA. */
        public Builder add(String normalised, String laCode) {
            Integer la = laIndex.computeIfAbsent(laCode, c -> {
                laCodes.add(c);
                return laCodes.size() - 1;
            });
            if (la > 0xFFFF) {
                throw new IllegalStateException("more than 65536 local authority codes");
            }
            if (count == entries.length) {
                entries = Arrays.copyOf(entries, entries.length * 2);
            }
            entries[count++] = Postcodes.key(normalised) << 16 | la;
            districts.merge(Postcodes.district(normalised), la, (a, b) -> a.equals(b) ? a : AMBIGUOUS);
            return this;
        }

        public PostcodeDirectory build() {
            long[] sorted = Arrays.copyOf(entries, count);
            entries = null;
            Arrays.sort(sorted);
            // a postcode listed twice keeps its first (lowest) LA index; the district map already saw both
            int n = 0;
            for (int i = 0; i < sorted.length; i++) {
                if (n == 0 || (sorted[n - 1] >>> 16) != (sorted[i] >>> 16)) {
                    sorted[n++] = sorted[i];
                }
            }
            return new PostcodeDirectory(n == sorted.length ? sorted : Arrays.copyOf(sorted, n),
                    laCodes.toArray(String[]::new), districts);
        }
    }
}
