package org.seamless.hub.d2aclock;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.function.BiConsumer;
import org.seamless.hub.alerts.OperatorAlerts;

/**
 * The operational clock (ADR 0063): a stay still in hospital, its Discharge Ready Date passed by
 * {@code pastReadyBy} (counted from the start of that date in England), with no care arranged and not
 * cancelled, raises one alert {@value #CODE} on the care transfer hub's channel. Each stay is alerted
 * once; a new Discharge Ready Date does not re-arm it (the hub already knows the person).
 */
public class OverdueClock {
    public static final String CODE = "d2a-past-discharge-ready-date";
    private final StayClockStore store;
    private final Clock clock;
    private final D2aClockProperties props;
    private final Alerts alerts;

    /** Where an alert goes: the agency it is for, the code, the stored detail, the logged detail. */
    @FunctionalInterface
    public interface Alerts {
        void raise(String agencyId, String code, String detail, String logged);

        static Alerts operator(OperatorAlerts alerts) {
            return (agency, code, detail, logged) -> alerts.raise(agency, code, detail, logged);
        }
    }

    public OverdueClock(StayClockStore store, Clock clock, D2aClockProperties props, Alerts alerts) {
        this.store = store;
        this.clock = clock;
        this.props = props;
        this.alerts = alerts;
    }

    /** One check; returns the number of alerts raised. */
    public int run() {
        Instant now = clock.instant();
        // due when start-of-day(ready date) + pastReadyBy <= now, i.e. ready date <= date of (now - pastReadyBy)
        LocalDate latestDue = now.minus(props.pastReadyBy()).atZone(StayClock.LONDON).toLocalDate();
        int raised = 0;
        for (StayRecord s : store.overdue(latestDue)) {
            Instant due = s.dischargeReadyDate().orElseThrow().atStartOfDay(StayClock.LONDON).toInstant()
                    .plus(props.pastReadyBy());
            if (due.isAfter(now)) {
                continue;
            }
            String hub = props.careTransferHub().isBlank() ? s.council().orElse(null) : props.careTransferHub();
            long days = now.atZone(StayClock.LONDON).toLocalDate().toEpochDay() - s.dischargeReadyDate().get().toEpochDay();
            String detail = "a person is past their discharge ready date (" + s.dischargeReadyDate().get() + ", " + days
                    + " day(s)) with no care arranged: trust " + s.trust() + ", council " + s.council().orElse("none")
                    + ", pathway " + s.pathway() + "; latest message " + s.lastMessageId();
            alerts.raise(hub, CODE, detail, "stay past its discharge ready date with no care arranged, trust "
                    + s.trust() + ", pathway " + s.pathway());
            store.markAlerted(s.stayRef(), now);
            raised++;
        }
        return raised;
    }

    /** For tests: the alert sink as a plain callback. */
    static Alerts of(BiConsumer<String, String> sink) {
        return (agency, code, detail, logged) -> sink.accept(agency, detail);
    }
}
