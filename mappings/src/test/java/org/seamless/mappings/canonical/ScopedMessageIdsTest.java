package org.seamless.mappings.canonical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class ScopedMessageIdsTest {

    @Test
    void twoSendersOfOneIdGetTwoKeys() {
        String id = UUID.randomUUID().toString();
        assertThat(ScopedMessageIds.of("demo-trust", id)).isEqualTo("demo-trust_" + id)
                .isNotEqualTo(ScopedMessageIds.of("other-trust", id));
    }

    @Test
    void theSeparatorCannotBeForgedFromEitherPart() {
        // "a-b" + "c" and "a" + "b-c" differ, and neither part may hold the separator
        assertThat(ScopedMessageIds.of("trust-a", "b")).isNotEqualTo(ScopedMessageIds.of("trust", "a-b"));
        assertThatThrownBy(() -> ScopedMessageIds.of("trust_a", "b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ScopedMessageIds.of("trust", "a_b")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nothingPathLikeOrOversizedIsTurnedIntoAKey() {
        for (String bad : new String[] {"../etc/passwd", "a/b", "a\\b", "", "x".repeat(65), "a b"}) {
            assertThatThrownBy(() -> ScopedMessageIds.of("demo-trust", bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> ScopedMessageIds.of("../x", "id")).isInstanceOf(IllegalArgumentException.class);
    }
}
