package org.seamless.hub.residence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shipped demo directory read by the ONSPD reader, and the resolution order on it. */
class ResidenceRulesTest {
    private static final String CSV_LA = "E08000035";
    private static final String SOAP_LA = "E07000990";
    private static PostcodeDirectory directory;
    private static ResidenceRules rules;

    @BeforeAll
    static void load() throws IOException {
        try (var in = new InputStreamReader(ResidenceRulesTest.class.getResourceAsStream("/config/postcodes-demo.csv"),
                StandardCharsets.UTF_8)) {
            directory = OnspdReader.read(in, "postcodes-demo.csv");
        }
        rules = new ResidenceRules(directory);
    }

    private static Residence resolve(String postcode) {
        return rules.resolve(Optional.ofNullable(postcode));
    }

    @Test
    void readsLivePostcodesOnlyFromTheOnspdLayout() {
        assertThat(directory.laOfPostcode("LS11AA")).contains(CSV_LA);
        assertThat(directory.laOfPostcode("LS101AA")).contains(SOAP_LA);
        assertThat(directory.laOfPostcode("LS28ZZ")).as("terminated").isEmpty();
        assertThat(directory.size()).isEqualTo(57);
    }

    @Test
    void exactLivePostcodeWinsEvenInAStraddlingDistrict() {
        assertThat(resolve("ls7 1ab")).isEqualTo(Residence.resolved(SOAP_LA, RoutingReason.POSTCODE));
        assertThat(resolve("LS7 2AD")).isEqualTo(Residence.resolved(CSV_LA, RoutingReason.POSTCODE));
    }

    @Test
    void unknownPostcodeInAOneAuthorityDistrictGoesByDistrict() {
        assertThat(resolve("LS3 7XY")).isEqualTo(Residence.resolved(CSV_LA, RoutingReason.DISTRICT));
        // LS1 must not be read as LS10
        assertThat(resolve("LS10 7XY")).isEqualTo(Residence.resolved(SOAP_LA, RoutingReason.DISTRICT));
    }

    @Test
    void unknownPostcodeInAStraddlingDistrictIsNeverGuessed() {
        assertThat(resolve("LS7 5QT")).isEqualTo(Residence.fallback(RoutingReason.AMBIGUOUS_DISTRICT));
    }

    @Test
    void terminatedPostcodeFallsToItsDistrictRule() {
        assertThat(resolve("LS2 8ZZ")).isEqualTo(Residence.resolved(CSV_LA, RoutingReason.DISTRICT));
        assertThat(resolve("LS7 8ZZ")).isEqualTo(Residence.fallback(RoutingReason.AMBIGUOUS_DISTRICT));
    }

    @Test
    void pseudoPostcodesGoToTheFallbackWithTheirOwnReason() {
        assertThat(resolve("ZZ99 3VZ")).isEqualTo(Residence.fallback(RoutingReason.NO_FIXED_ABODE));
        assertThat(resolve("zz993wz")).isEqualTo(Residence.fallback(RoutingReason.PSEUDO_POSTCODE));
    }

    @Test
    void unknownMalformedAndMissingPostcodesAreFallbacks() {
        assertThat(resolve("HX1 5AX")).isEqualTo(Residence.fallback(RoutingReason.UNKNOWN_POSTCODE));
        assertThat(resolve("not a postcode")).isEqualTo(Residence.fallback(RoutingReason.UNKNOWN_POSTCODE));
        assertThat(resolve(null)).isEqualTo(Residence.fallback(RoutingReason.NO_POSTCODE));
        assertThat(resolve("  ")).isEqualTo(Residence.fallback(RoutingReason.NO_POSTCODE));
        assertThat(RoutingReason.POSTCODE.fallback()).isFalse();
        assertThat(RoutingReason.NO_FIXED_ABODE.fallback()).isTrue();
    }

    @Test
    void readerFindsColumnsByNameAndRefusesAFileWithoutThem() throws IOException {
        PostcodeDirectory d = OnspdReader.read(new StringReader("""
                oslaua,doterm,x,pcds
                "E06000001","","a,b","TS1 1AA"
                "E06000002","202001","","TS1 1AB"
                """), "t.csv");
        assertThat(d.laOfPostcode("TS11AA")).contains("E06000001");
        assertThat(d.laOfPostcode("TS11AB")).isEmpty();
        assertThat(d.laOfDistrict("TS1")).contains("E06000001");
        assertThatThrownBy(() -> OnspdReader.read(new StringReader("pcd,lad\n"), "t.csv"))
                .hasMessage("t.csv: header needs ONSPD columns pcds (or pcd), oslaua and doterm");
    }

    @Test
    void keysAreDistinctForPostcodesOfDifferentShapes() {
        assertThat(Postcodes.key("LS11AA")).isNotEqualTo(Postcodes.key("LS111AA")).isNotEqualTo(Postcodes.key("L11AA"));
        assertThat(Postcodes.key("EC1A1BB")).isLessThan(1L << 37);
    }
}
