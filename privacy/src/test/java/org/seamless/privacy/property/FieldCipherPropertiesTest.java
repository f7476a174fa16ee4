package org.seamless.privacy.property;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.Example;
import org.seamless.mappings.canonical.NhsNumber;
import org.seamless.privacy.keys.FieldCipher;
import org.seamless.privacy.keys.TestFieldCiphers;

/**
 * At-rest encryption (ADR 0071) over thousands of generated NHS numbers and bodies: what is stored never holds
 * the number (nor any run of digits), reads back exactly, finds the person by index, survives a key rotation.
 */
class FieldCipherPropertiesTest {
    private static final String COLUMN = "consent_record.nhs_number";
    private static FieldCipher cipher;

    @BeforeContainer
    static void keys() {
        cipher = TestFieldCiphers.create();
    }

    @Provide
    Arbitrary<NhsNumber> nhs() {
        return NhsNumbers.testRange();
    }

    @Property(tries = 3000)
    void storedTextHoldsNoNumberAndReadsBack(@ForAll("nhs") NhsNumber nhs) {
        String stored = cipher.seal(COLUMN, nhs.value());
        assertThat(stored).doesNotContain(nhs.value()).doesNotContainPattern("\\d{10}");
        assertThat(cipher.open(COLUMN, stored)).isEqualTo(nhs.value());
        assertThat(cipher.isCurrent(stored)).isTrue();
        assertThat(cipher.index(COLUMN, nhs.value())).doesNotContain(nhs.value())
                .isEqualTo(cipher.index(COLUMN, nhs.value()));
    }

    @Property(tries = 1000)
    void storedBodyHoldsNoNumberAndReadsBack(@ForAll("nhs") NhsNumber nhs) {
        byte[] body = ("{\"identifier\":\"" + nhs.value() + "\",\"name\":\"Ada Testperson\"}")
                .getBytes(StandardCharsets.UTF_8);
        byte[] stored = cipher.seal("inbound_message.payload", body);
        String raw = new String(stored, StandardCharsets.ISO_8859_1);
        assertThat(raw).doesNotContain(nhs.value()).doesNotContain("Testperson");
        assertThat(FieldCipher.isSealed(stored)).isTrue();
        assertThat(cipher.open("inbound_message.payload", stored)).isEqualTo(body);
    }

    @Example
    void aValueMovedToAnotherColumnDoesNotDecrypt() {
        String stored = cipher.seal(COLUMN, "9990000018");
        assertThatThrownBy(() -> cipher.open("alert_flag.nhs_number", stored))
                .hasMessageNotContaining("9990000018").hasMessageContaining("does not decrypt");
    }

    @Example
    void rotationKeepsOldValuesReadableAndLookupsMatchingUntilReindexed() {
        FieldCipher own = TestFieldCiphers.create();
        String before = own.seal(COLUMN, "9990000026");
        String indexBefore = own.index(COLUMN, "9990000026");
        own.rotate();
        own.rotateIndex();
        assertThat(own.isCurrent(before)).isFalse();
        assertThat(own.open(COLUMN, before)).isEqualTo("9990000026");
        assertThat(own.isCurrentIndex(indexBefore)).isFalse();
        assertThat(own.indexes(COLUMN, "9990000026")).hasSize(2).contains(indexBefore)
                .first().isEqualTo(own.index(COLUMN, "9990000026"));
        String after = own.seal(COLUMN, "9990000026");
        assertThat(after).isNotEqualTo(before);
        assertThat(own.isCurrent(after)).isTrue();
    }

    @Example
    void plaintextFromBeforeEncryptionReadsAsItIsAndIsNotCurrent() {
        assertThat(cipher.open(COLUMN, "9990000018")).isEqualTo("9990000018");
        assertThat(cipher.isCurrent("9990000018")).isFalse();
        assertThat(cipher.isCurrent("{}".getBytes(StandardCharsets.UTF_8))).isFalse();
    }
}
