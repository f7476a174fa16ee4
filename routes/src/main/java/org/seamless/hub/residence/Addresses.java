package org.seamless.hub.residence;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Normalises the free-text lines of a UK address into a matching key (ADR 0062), so that the lines
 * a hospital keyed and the lines in the address directory compare equal when they name the same
 * property. Rules, in order:
 * <ol>
 * <li>upper case; accents removed (Unicode NFKD, combining marks dropped);</li>
 * <li>apostrophes removed ({@code St John's} becomes {@code ST JOHNS}); {@code &} becomes {@code AND};</li>
 * <li>every other character that is not A-Z or 0-9 separates words (commas, full stops, hyphens, slashes);</li>
 * <li>common words are reduced to one spelling ({@link #SYNONYMS}: {@code ROAD}/{@code RD} to {@code RD},
 * {@code STREET}/{@code SAINT}/{@code ST} to {@code ST}, {@code APARTMENT} to {@code FLAT}, ...);</li>
 * <li>a house number split from its letter is joined ({@code 14 A} becomes {@code 14A});</li>
 * <li>the words are joined with single spaces, lines in order.</li>
 * </ol>
 * The town, county and postcode are not part of the key: the directory is consulted per postcode.
 */
public final class Addresses {
    /** One spelling per word; both sides of a comparison go through the same map. */
    static final Map<String, String> SYNONYMS = Map.ofEntries(
            Map.entry("ROAD", "RD"), Map.entry("STREET", "ST"), Map.entry("SAINT", "ST"), Map.entry("AVENUE", "AVE"),
            Map.entry("AV", "AVE"), Map.entry("LANE", "LN"), Map.entry("DRIVE", "DR"), Map.entry("CLOSE", "CL"),
            Map.entry("COURT", "CT"), Map.entry("CRESCENT", "CRES"), Map.entry("PLACE", "PL"), Map.entry("TERRACE", "TER"),
            Map.entry("TERR", "TER"), Map.entry("GARDENS", "GDNS"), Map.entry("GROVE", "GR"), Map.entry("SQUARE", "SQ"),
            Map.entry("APARTMENT", "FLAT"), Map.entry("APT", "FLAT"), Map.entry("NUMBER", "NO"),
            Map.entry("HOUSE", "HO"), Map.entry("COTTAGE", "COTT"), Map.entry("COTTAGES", "COTTS"),
            Map.entry("NORTH", "N"), Map.entry("SOUTH", "S"), Map.entry("EAST", "E"), Map.entry("WEST", "W"));

    private Addresses() {
    }

    /** The matching key of an address's lines (not town or postcode); empty when nothing is left. */
    public static String key(List<String> lines) {
        List<String> words = new ArrayList<>();
        for (String line : lines) {
            if (line != null) {
                words.addAll(words(line));
            }
        }
        return String.join(" ", words);
    }

    /** The matching key of one free-text address (the directory's {@code address} column). */
    public static String key(String text) {
        return key(List.of(text == null ? "" : text));
    }

    private static List<String> words(String line) {
        String s = Normalizer.normalize(line, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "")
                .toUpperCase(Locale.ROOT).replace("'", "").replace("\u2019", "").replace("&", " AND ");
        List<String> out = new ArrayList<>();
        for (String w : s.split("[^A-Z0-9]+")) {
            if (w.isEmpty()) {
                continue;
            }
            String word = SYNONYMS.getOrDefault(w, w);
            int last = out.size() - 1;
            if (w.length() == 1 && Character.isLetter(w.charAt(0)) && last >= 0
                    && out.get(last).chars().allMatch(Character::isDigit)) {
                // why: "14 A" and "14A" are the same house
                out.set(last, out.get(last) + word);
            } else {
                out.add(word);
            }
        }
        return out;
    }
}
