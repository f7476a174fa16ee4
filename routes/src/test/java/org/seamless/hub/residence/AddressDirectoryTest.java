package org.seamless.hub.residence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.DefaultResourceLoader;

/**
 * The shipped demo address directory (LS7 3DX straddles the demo LAs), the resolution order with it
 * (UPRN, then address for a straddling postcode, then the postcode rules), and the errors of a
 * malformed directory.
 */
class AddressDirectoryTest {
    private static final String CSV_LA = "E08000035";
    private static final String SOAP_LA = "E07000990";
    private static ResidenceRules rules;
    private static AddressDirectory addresses;

    @BeforeAll
    static void load() throws IOException {
        PostcodeDirectory postcodes;
        try (var in = reader("/config/postcodes-demo.csv")) {
            postcodes = OnspdReader.read(in, "postcodes-demo.csv");
        }
        AddressDirectory.Builder b = AddressDirectory.builder();
        try (var in = reader("/config/addresses-demo.csv")) {
            AddressDirectoryReader.read(in, "addresses-demo.csv", b);
        }
        addresses = b.build();
        rules = new ResidenceRules(postcodes, addresses);
    }

    private static InputStreamReader reader(String resource) {
        return new InputStreamReader(AddressDirectoryTest.class.getResourceAsStream(resource), StandardCharsets.UTF_8);
    }

    private static Residence at(String postcode, Long uprn, String... lines) {
        return rules.resolve(new PatientAddress(Optional.ofNullable(postcode), Optional.ofNullable(uprn), List.of(lines)));
    }

    @Test
    void demoDirectoryHasOneStraddlingPostcode() {
        assertThat(addresses.straddles("LS73DX")).isTrue();
        assertThat(addresses.straddles("LS71AB")).as("all its listed properties are in one LA").isFalse();
        assertThat(addresses.straddlingPostcodes()).isEqualTo(1);
        assertThat(addresses.uprnCount()).isEqualTo(12);
    }

    @Test
    void straddlingPostcodeGoesByTheAddressEitherSideOfTheBoundary() {
        assertThat(at("LS7 3DX", null, "3 Beck Lane")).isEqualTo(Residence.resolved(CSV_LA, RoutingReason.ADDRESS));
        assertThat(at("ls73dx", null, "4 beck lane")).isEqualTo(Residence.resolved(SOAP_LA, RoutingReason.ADDRESS));
        assertThat(at("LS7 3DX", null, "Flat 2", "7 Beck Ln")).isEqualTo(Residence.resolved(CSV_LA, RoutingReason.ADDRESS));
        assertThat(at("LS7 3DX", null, "Saint Anns Cottage", "Beck Lane"))
                .isEqualTo(Residence.resolved(SOAP_LA, RoutingReason.ADDRESS));
        assertThat(at("LS7 3DX", null, "6 Beck Lane", "Chapel Allerton")).as("a locality line after the street")
                .isEqualTo(Residence.resolved(SOAP_LA, RoutingReason.ADDRESS));
    }

    @Test
    void straddlingPostcodeWithoutADecidingAddressIsTheDocumentedFallback() {
        assertThat(at("LS7 3DX", null)).as("postcode only").isEqualTo(Residence.fallback(RoutingReason.STRADDLING_POSTCODE));
        assertThat(at("LS7 3DX", null, "99 Beck Lane")).isEqualTo(Residence.fallback(RoutingReason.STRADDLING_POSTCODE));
        assertThat(at("LS7 3DX", null, "Beck Lane")).as("matches nothing exactly and is no listed address's start")
                .isEqualTo(Residence.fallback(RoutingReason.STRADDLING_POSTCODE));
        // by the postcode alone the same postcode would have gone to the postcode directory's single LA
        assertThat(rules.resolve(Optional.of("LS7 3DX"))).isEqualTo(Residence.fallback(RoutingReason.STRADDLING_POSTCODE));
    }

    @Test
    void aListedUprnWinsOverPostcodeAndAddress() {
        assertThat(at("LS7 3DX", 990000000102L, "3 Beck Lane")).isEqualTo(Residence.resolved(SOAP_LA, RoutingReason.UPRN));
        assertThat(at(null, 990000000101L)).isEqualTo(Residence.resolved(CSV_LA, RoutingReason.UPRN));
        assertThat(at("LS7 1AB", 123L)).as("an unlisted UPRN leaves the postcode to decide")
                .isEqualTo(Residence.resolved(SOAP_LA, RoutingReason.POSTCODE));
        assertThat(at("ZZ99 3VZ", 990000000101L)).as("no fixed abode is never overridden")
                .isEqualTo(Residence.fallback(RoutingReason.NO_FIXED_ABODE));
    }

    @Test
    void postcodesThatDoNotStraddleKeepThePostcodeRules() {
        assertThat(at("LS7 2AD", null, "9 Chapel Road")).isEqualTo(Residence.resolved(CSV_LA, RoutingReason.POSTCODE));
        assertThat(at("LS7 5QT", null, "1 Beck Lane")).isEqualTo(Residence.fallback(RoutingReason.AMBIGUOUS_DISTRICT));
    }

    @Test
    void readsTheOnsUprnDirectoryLayout() throws IOException {
        String onsud = """
                UPRN,GRIDGB1E,GRIDGB1N,PCDS,CTY25CD,LAD25CD,WARD25CD
                990000000901,430000,435000,LS7 9AA,E99999999,E08000035,E05000000
                990000000902,430000,435000,LS7 9AA,E99999999,E07000990,E05000000
                990000000903,430000,435000,,E99999999,E07000990,E05000000
                990000000904,430000,435000,LS7 9AB,E99999999,,E05000000
                """;
        AddressDirectory.Builder b = AddressDirectory.builder();
        AddressDirectoryReader.read(new StringReader(onsud), "onsud.csv", b);
        AddressDirectory d = b.build();
        assertThat(d.laOfUprn(990000000902L)).contains(SOAP_LA);
        assertThat(d.laOfUprn(990000000903L)).as("no postcode, UPRN kept").contains(SOAP_LA);
        assertThat(d.laOfUprn(990000000904L)).as("no LA: skipped").isEmpty();
        assertThat(d.straddles("LS79AA")).isTrue();
    }

    @Test
    void malformedFilesFailWithFileLineAndWhatIsWrong() {
        assertThat(error("")).isEqualTo("a.csv: empty address directory (no header row)");
        assertThat(error("uprn,postcode,la_code\n")).contains("lacks postcode or address");
        assertThat(error("id,pc,council\n")).contains("neither the Seamless address layout");
        String header = "uprn,postcode,address,la_code\n";
        assertThat(error(header + "1,LS7 3DX,\"1 Beck Lane\",E08000035\n2,LS7 3DX\n"))
                .isEqualTo("a.csv: line 3 has too few columns");
        assertThat(error(header + "12a,LS7 3DX,1 Beck Lane,E08000035\n"))
                .isEqualTo("a.csv: line 2 has a UPRN that is not 1 to 12 digits");
        assertThat(error(header + "1,LS7 3DX,1 Beck Lane,Leeds\n"))
                .isEqualTo("a.csv: line 2 has no ONS local authority code (like E08000035)");
        assertThat(error(header + "1,NOT A PC,1 Beck Lane,E08000035\n"))
                .isEqualTo("a.csv: line 2 has a postcode that is not a UK postcode");
        assertThat(error(header + ",LS7 3DX,,E08000035\n")).isEqualTo("a.csv: line 2 has neither a UPRN nor an address");
        assertThat(error(header + "1,LS7 3DX,1 Beck Lane,E08000035\n1,LS7 3DX,1 Beck Lane,E07000990\n"))
                .isEqualTo("1 UPRN(s) listed with more than one local authority");
        assertThat(error(header + "1,LS7 3DX,\"7 Secret Lane\",X\n")).doesNotContain("Secret");
    }

    @Test
    void theHubRefusesToStartOnAMalformedOrMissingDirectory(@TempDir Path dir) throws IOException {
        Path bad = dir.resolve("addresses.csv");
        Files.writeString(bad, "uprn,postcode,address,la_code\n1,LS7 3DX,1 Beck Lane,E08000035\nx,LS7 3DX,2 Beck Lane,E08000035\n");
        var config = new ResidenceConfiguration();
        var loader = new DefaultResourceLoader();
        String location = bad.toUri().toString();
        assertThatThrownBy(() -> config.addressDirectory(new RoutingProperties("classpath:config/postcodes-demo.csv",
                List.of(location)), loader)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(location + ": line 3 has a UPRN that is not 1 to 12 digits");
        String missing = dir.resolve("none.csv").toUri().toString();
        assertThatThrownBy(() -> config.addressDirectory(new RoutingProperties("classpath:config/postcodes-demo.csv",
                List.of(missing)), loader)).hasMessage("address directory not found: " + missing);
        assertThat(config.addressDirectory(new RoutingProperties("x", List.of()), loader).uprnCount())
                .as("no address directory configured: postcode rules only").isZero();
    }

    private static String error(String csv) {
        try {
            AddressDirectory.Builder b = AddressDirectory.builder();
            AddressDirectoryReader.read(new StringReader(csv), "a.csv", b);
            b.build();
        } catch (IllegalArgumentException | IOException e) {
            return e.getMessage();
        }
        throw new AssertionError("no error");
    }
}
