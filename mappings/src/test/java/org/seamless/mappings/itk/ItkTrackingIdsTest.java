package org.seamless.mappings.itk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ItkTrackingIdsTest {

    @Test
    void isTheRfc4122Version5Uuid() {
        // RFC 4122 / Python uuid5(NAMESPACE_DNS, "python.org")
        UUID dns = UUID.fromString("6ba7b810-9dad-11d1-80b4-00c04fd430c8");
        assertThat(ItkTrackingIds.v5(dns, "python.org")).isEqualTo("886313E1-3B8A-5372-9B90-0C9AEE199E5D");
    }

    @Test
    void sameMessageAndGenerationGiveTheSameUpperCaseId() {
        String id = ItkTrackingIds.of("0b5e3c1e-8f7a-4d3b-9c1a-2e4f6a8b0c1d", 0);
        assertThat(ItkTrackingIds.of("0b5e3c1e-8f7a-4d3b-9c1a-2e4f6a8b0c1d", 0)).isEqualTo(id);
        assertThat(id).matches("[A-F0-9]{8}-[A-F0-9]{4}-5[A-F0-9]{3}-[89AB][A-F0-9]{3}-[A-F0-9]{12}");
        assertThat(ItkTrackingIds.isValid(id)).isTrue();
        assertThat(ItkTrackingIds.isValid(id.toLowerCase(Locale.ROOT))).isFalse();
    }

    @Test
    void generationsAndMessagesGetDistinctIds() {
        Set<String> ids = new HashSet<>();
        for (int m = 0; m < 200; m++) {
            for (int g = 0; g < 3; g++) {
                ids.add(ItkTrackingIds.of("message-" + m, g));
            }
        }
        assertThat(ids).hasSize(600);
    }

    @Test
    void negativeGenerationIsRefused() {
        assertThatThrownBy(() -> ItkTrackingIds.of("m", -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
