package org.seamless.hub.alerts;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Watches each agency's flag pulls for a pattern that looks like enumeration: many distinct people,
 * or many pulls that found nothing, within a sliding window (ADR 0039). Crossing either threshold
 * raises one operator alert for the pulling agency and one for each council whose flags it was given
 * in the window, then stays quiet for a window. People are held as keyed digests (a random key per
 * start), never as NHS numbers; alerts carry counts only.
 */
final class FlagPullWatch {
    static final String CODE = "flag-pull-enumeration";

    private record Pull(Instant at, String subject, boolean miss, Set<String> owners) {
    }

    private final FlagPullProperties props;
    private final OperatorAlerts alerts;
    private final Clock clock;
    private final byte[] key = new byte[32];
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    FlagPullWatch(FlagPullProperties props, OperatorAlerts alerts, Clock clock) {
        this.props = props;
        this.alerts = alerts;
        this.clock = clock;
        new SecureRandom().nextBytes(key);
    }

    /** Records one answered pull: the person asked about, and the councils whose flags were returned. */
    void observe(String agencyId, String nhsNumber, Set<String> owners) {
        Instant now = clock.instant();
        Window w = windows.computeIfAbsent(agencyId, id -> new Window());
        Summary crossed = w.add(new Pull(now, digest(nhsNumber), owners.isEmpty(), Set.copyOf(owners)), now);
        if (crossed != null) {
            raise(agencyId, crossed);
        }
    }

    private void raise(String agencyId, Summary s) {
        String window = human(props.watchWindow());
        alerts.raise(agencyId, CODE, "agency " + agencyId + " pulled the flags of " + s.distinct()
                + " distinct people in the last " + window + " (" + s.misses() + " pulls found no flag); pulls are"
                + " limited but not refused: check that this use is expected");
        for (String owner : s.owners()) {
            alerts.raise(owner, CODE, "agency " + agencyId + " pulled the flags of " + s.distinct()
                    + " distinct people in the last " + window + ", some of them with flags of " + owner
                    + ": the operator has been alerted");
        }
    }

    private record Summary(int distinct, int misses, Set<String> owners) {
    }

    private final class Window {
        private final Deque<Pull> pulls = new ArrayDeque<>();
        private Instant quietUntil = Instant.MIN;

        /** The window's summary when this pull crosses a threshold outside a quiet period; null otherwise. */
        synchronized Summary add(Pull p, Instant now) {
            Instant from = now.minus(props.watchWindow());
            while (!pulls.isEmpty() && pulls.peekFirst().at().isBefore(from)) {
                pulls.removeFirst();
            }
            pulls.addLast(p);
            Set<String> subjects = new HashSet<>();
            Set<String> owners = new TreeSet<>();
            int misses = 0;
            for (Pull q : pulls) {
                subjects.add(q.subject());
                owners.addAll(q.owners());
                misses += q.miss() ? 1 : 0;
            }
            if ((subjects.size() >= props.watchDistinctSubjects() || misses >= props.watchMisses())
                    && !now.isBefore(quietUntil)) {
                quietUntil = now.plus(props.watchWindow());
                return new Summary(subjects.size(), misses, owners);
            }
            return null;
        }
    }

    private String digest(String nhsNumber) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] d = mac.doFinal(nhsNumber.getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(d, 16));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private static String human(Duration d) {
        return d.toMinutes() % 60 == 0 && d.toHours() > 0 ? d.toHours() + " h" : d.toMinutes() + " min";
    }
}
