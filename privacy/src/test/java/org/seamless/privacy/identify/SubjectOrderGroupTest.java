package org.seamless.privacy.identify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.seamless.mappings.canonical.NhsNumber;
import org.seamless.mappings.testdata.TestNhsNumbers;

/** The broker order group of a subject (ADR 0100): stable, spread, and saying nothing of the number. */
class SubjectOrderGroupTest {

    @Test
    void theSameNumberGivesTheSameGroupAndAFixedOneOnEveryHost() {
        NhsNumber n = NhsNumber.parse("9990000018");
        assertThat(Subject.identified(n).orderGroup()).isEqualTo(Subject.identified(NhsNumber.parse("9990000018"))
                .orderGroup());
        // why: hubs and edges of different releases share queues during a rolling upgrade; a changed function
        // would put one person's messages in two groups at once
        assertThat(Subject.identified(n).orderGroup()).contains("person-679");
    }

    @Test
    void tenThousandPeopleSpreadOverTheBucketsAndNoGroupHoldsTheNumber() {
        List<NhsNumber> people = TestNhsNumbers.distinct(17, 10_000);
        Map<String, Integer> perGroup = new HashMap<>();
        for (NhsNumber n : people) {
            String group = Subject.identified(n).orderGroup().orElseThrow();
            assertThat(group).matches("person-[0-9]{1,4}").doesNotContain(n.value());
            perGroup.merge(group, 1, Integer::sum);
        }
        double mean = 10_000.0 / Subject.ORDER_GROUPS;
        assertThat(perGroup).as("buckets used").hasSizeGreaterThan(Subject.ORDER_GROUPS * 9 / 10);
        assertThat(perGroup.values()).as("no bucket holds more than four times its share").allMatch(c -> c <= 4 * mean);
    }

    @Test
    void aWithheldSubjectHasNoGroup() {
        for (WithheldReason reason : WithheldReason.values()) {
            assertThat(Subject.withheld(reason).orderGroup()).isEmpty();
        }
    }
}
