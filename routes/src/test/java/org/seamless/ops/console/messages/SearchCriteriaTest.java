package org.seamless.ops.console.messages;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SearchCriteriaTest {

    @Test
    void aFormBecomesCriteriaWithTimesInUkTime() {
        List<String> problems = new ArrayList<>();
        var c = new SearchCriteria.Form(" msg-1 ", "demo-trust", "recipient", "discharge-notice", "dead-lettered",
                "2026-07-01T09:30", "2026-12-01T09:30").toCriteria(problems).orElseThrow();
        assertThat(problems).isEmpty();
        assertThat(c.messageId()).contains("msg-1");
        assertThat(c.role()).isEqualTo(SearchCriteria.AgencyRole.RECIPIENT);
        assertThat(c.state()).contains(SearchCriteria.State.DEAD_LETTERED);
        assertThat(c.from()).contains(Instant.parse("2026-07-01T08:30:00Z")); // British Summer Time
        assertThat(c.to()).contains(Instant.parse("2026-12-01T09:30:00Z"));
    }

    @Test
    void badFieldsAreEachNamedWithoutSearching() {
        List<String> problems = new ArrayList<>();
        var c = new SearchCriteria.Form("a b", "", "sender", "", "lost", "yesterday", "").toCriteria(problems);
        assertThat(c).isEmpty();
        assertThat(problems).hasSize(3).anyMatch(p -> p.startsWith("A message id"))
                .anyMatch(p -> p.contains("state")).anyMatch(p -> p.startsWith("The start time"));
        problems.clear();
        assertThat(new SearchCriteria.Form("", "", "", "", "", "2026-12-02T00:00", "2026-12-01T00:00")
                .toCriteria(problems)).isEmpty();
        assertThat(problems).containsExactly("The start time must be before the end time.");
    }

    @Test
    void aCursorSurvivesItsTokenAndAForgedTokenIsIgnored() {
        SearchCursor cursor = new SearchCursor(Instant.parse("2026-12-05T10:15:30.123456Z"), "demo-trust", "msg:1");
        assertThat(SearchCursor.decode(cursor.encode())).contains(cursor);
        assertThat(cursor.encode()).matches("[A-Za-z0-9_-]+");
        assertThat(SearchCursor.decode("not-a-cursor")).isEmpty();
        assertThat(SearchCursor.decode(null)).isEmpty();
        assertThat(SearchCursor.decode("")).isEmpty();
    }
}
