package org.seamless.hub.residence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The address normalisation rules of ADR 0062, one by one. */
class AddressesTest {
    @Test
    void caseAccentsAndPunctuationDoNotMatter() {
        assertThat(Addresses.key("Flat 2, 7 Beck Lane.")).isEqualTo(Addresses.key("FLAT 2 7 BECK LANE"));
        assertThat(Addresses.key("Café Row")).isEqualTo("CAFE ROW");
        assertThat(Addresses.key("  12   Moor-View ")).isEqualTo("12 MOOR VIEW");
    }

    @Test
    void apostrophesVanishAndAmpersandIsAnd() {
        assertThat(Addresses.key("St Ann's Cottage")).isEqualTo(Addresses.key("Saint Anns Cottage"));
        assertThat(Addresses.key("St Ann\u2019s Cottage")).isEqualTo("ST ANNS COTT");
        assertThat(Addresses.key("Fox & Hounds")).isEqualTo("FOX AND HOUNDS");
    }

    @Test
    void commonWordsHaveOneSpelling() {
        assertThat(Addresses.key("9 Chapel Road")).isEqualTo(Addresses.key("9 chapel rd"));
        assertThat(Addresses.key("1 High Street")).isEqualTo(Addresses.key("1 High St"));
        assertThat(Addresses.key("Apartment 3, Mill Court")).isEqualTo(Addresses.key("Flat 3 Mill Ct"));
        assertThat(Addresses.key("4 North Avenue")).isEqualTo("4 N AVE");
    }

    @Test
    void aHouseLetterJoinsItsNumberButAWordDoesNot() {
        assertThat(Addresses.key("14 A Beck Lane")).isEqualTo(Addresses.key("14a Beck Lane"));
        assertThat(Addresses.key("14 North Street")).as("a compass word is no house letter").isEqualTo("14 N ST");
        assertThat(Addresses.key("1 Beck Lane")).isNotEqualTo(Addresses.key("11 Beck Lane"));
    }

    @Test
    void linesJoinInOrderAndBlankOrMissingLinesAreIgnored() {
        List<String> lines = new java.util.ArrayList<>(List.of("Flat 1", "", "7 Beck Lane"));
        lines.add(null);
        assertThat(Addresses.key(lines)).isEqualTo(Addresses.key("Flat 1, 7 Beck Lane"));
        assertThat(Addresses.key(List.of())).isEmpty();
        assertThat(Addresses.key(List.of(" ,. "))).isEmpty();
    }
}
