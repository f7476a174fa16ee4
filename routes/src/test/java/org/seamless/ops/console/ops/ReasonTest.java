package org.seamless.ops.console.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A change in the console needs a reason: not empty, not only spaces, not longer than the column. */
class ReasonTest {
    @Test
    void anEmptyOrBlankReasonIsRefusedWithAMessageSayingWhatToDo() {
        for (String raw : new String[] {null, "", "   ", "\n\t"}) {
            assertThatThrownBy(() -> Reason.of(raw, "the replay")).isInstanceOf(Reason.Invalid.class)
                    .hasMessage("Enter a reason for the replay");
        }
    }

    @Test
    void aReasonIsTrimmedAndBoundedByTheColumn() {
        assertThat(Reason.of("  partner fixed their endpoint ", "x").text()).isEqualTo("partner fixed their endpoint");
        assertThat(Reason.of("a".repeat(500), "x").text()).hasSize(500);
        assertThatThrownBy(() -> Reason.of("a".repeat(501), "x")).isInstanceOf(Reason.Invalid.class)
                .hasMessageContaining("500 characters or fewer");
    }
}
