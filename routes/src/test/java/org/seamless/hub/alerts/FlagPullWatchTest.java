package org.seamless.hub.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.seamless.mappings.canonical.NhsNumber;
import org.seamless.mappings.testdata.TestNhsNumbers;

class FlagPullWatchTest {
    private final MovableClock clock = new MovableClock();
    private final List<String> raised = new ArrayList<>();
    private final OperatorAlerts alerts = new OperatorAlerts(null, clock) {
        @Override
        public String raise(String agencyId, String code, String detail, String logged) {
            raised.add(agencyId + "|" + code + "|" + detail);
            return "id";
        }
    };

    static FlagPullProperties props(int distinct, int misses) {
        return new FlagPullProperties(60, 120, Map.of(), Duration.ofHours(1), distinct, misses);
    }

    @Test
    void manyDistinctPeopleRaiseOneAlertForTheAgencyAndEachCouncilWhoseFlagsItWasGiven() {
        FlagPullWatch watch = new FlagPullWatch(props(3, 1000), alerts, clock);
        List<NhsNumber> people = TestNhsNumbers.distinct(1, 5);
        watch.observe("trust", people.get(0).value(), Set.of("la-1"));
        watch.observe("trust", people.get(0).value(), Set.of()); // the same person again: not a new subject
        watch.observe("trust", people.get(1).value(), Set.of());
        assertThat(raised).isEmpty();
        watch.observe("trust", people.get(2).value(), Set.of("la-2"));
        watch.observe("trust", people.get(3).value(), Set.of()); // within the same window: quiet
        assertThat(raised).hasSize(3)
                .anyMatch(a -> a.startsWith("trust|flag-pull-enumeration|") && a.contains("3 distinct people"))
                .anyMatch(a -> a.startsWith("la-1|flag-pull-enumeration|agency trust"))
                .anyMatch(a -> a.startsWith("la-2|flag-pull-enumeration|agency trust"))
                .noneMatch(a -> people.stream().anyMatch(p -> a.contains(p.value())));
    }

    @Test
    void manyMissesAlertAndPullsOutsideTheWindowAreForgotten() {
        FlagPullWatch watch = new FlagPullWatch(props(1000, 3), alerts, clock);
        List<NhsNumber> people = TestNhsNumbers.distinct(2, 6);
        watch.observe("trust", people.get(0).value(), Set.of());
        watch.observe("trust", people.get(1).value(), Set.of());
        clock.advance(Duration.ofMinutes(61)); // the first two have left the window
        watch.observe("trust", people.get(2).value(), Set.of());
        watch.observe("other-trust", people.get(3).value(), Set.of()); // counted for its own agency
        assertThat(raised).isEmpty();
        watch.observe("trust", people.get(3).value(), Set.of());
        watch.observe("trust", people.get(4).value(), Set.of());
        assertThat(raised).singleElement().asString().startsWith("trust|flag-pull-enumeration|")
                .contains("(3 pulls found no flag)");
        clock.advance(Duration.ofMinutes(61)); // a new window: the pattern is alerted again if it goes on
        watch.observe("trust", people.get(5).value(), Set.of());
        watch.observe("trust", people.get(0).value(), Set.of());
        watch.observe("trust", people.get(1).value(), Set.of());
        assertThat(raised).hasSize(2);
    }

    static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2026-12-05T10:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
