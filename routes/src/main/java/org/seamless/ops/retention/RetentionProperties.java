package org.seamless.ops.retention;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long each kind of stored data is kept ({@code seamless.retention.*}, ADR 0072; docs/operations.md lists
 * what, where and why). The age of a row is counted from the time named for its table in {@link RetentionPurge}.
 *
 * @param replayWindow            how long after receipt an operator can still replay a message (the promise the
 *                                kept messages and their tracking must keep)
 * @param inboundMessages         kept canonical messages ({@code inbound_message}), for replay
 * @param vcsMailbox              released bodies in the voluntary organisations' mailbox: delivered by webhook
 *                                (from when kept) or pulled and acknowledged (from the acknowledgement)
 * @param vcsMailboxUnacknowledged pull-inbox items never acknowledged (from when kept)
 * @param tracking                message tracking: receipts, delivery states and failures, routing decisions,
 *                                LA answers, consent receipts, referral states, discharge to assess clocks
 * @param alertAccess             councils' record of who pulled a child's flags
 * @param inactiveAlertFlags      flags an LA ended or removed (from their last change)
 * @param operatorAlerts          alerts raised for the operator
 * @param operatorActions         the record of what named people did on the operator and IG APIs
 * @param sinkDeliveredKeys       keys a sink has delivered (duplicate suppression on redelivery)
 * @param jobRuns                 the record of scheduled job runs
 * @param purgeInterval           how often the purge job runs (once per interval across instances)
 */
@ConfigurationProperties("seamless.retention")
public record RetentionProperties(
        @DefaultValue("P30D") Duration replayWindow,
        @DefaultValue("P90D") Duration inboundMessages,
        @DefaultValue("P90D") Duration vcsMailbox,
        @DefaultValue("P180D") Duration vcsMailboxUnacknowledged,
        @DefaultValue("P400D") Duration tracking,
        @DefaultValue("P730D") Duration alertAccess,
        @DefaultValue("P365D") Duration inactiveAlertFlags,
        @DefaultValue("P365D") Duration operatorAlerts,
        @DefaultValue("P2190D") Duration operatorActions,
        @DefaultValue("P30D") Duration sinkDeliveredKeys,
        @DefaultValue("P90D") Duration jobRuns,
        @DefaultValue("PT1H") Duration purgeInterval) {

    /**
     * What is wrong with the policy, given the longest delivery deadline (a message may wait that long for its
     * recipient and must stay replayable and deduplicated meanwhile); empty when it is sound.
     */
    public List<String> problems(Duration longestDeliveryDeadline) {
        List<String> out = new ArrayList<>();
        String[] names = {"replay-window", "inbound-messages", "vcs-mailbox", "vcs-mailbox-unacknowledged", "tracking",
                "alert-access", "inactive-alert-flags", "operator-alerts", "operator-actions", "sink-delivered-keys",
                "job-runs", "purge-interval"};
        Duration[] values = {replayWindow, inboundMessages, vcsMailbox, vcsMailboxUnacknowledged, tracking, alertAccess,
                inactiveAlertFlags, operatorAlerts, operatorActions, sinkDeliveredKeys, jobRuns, purgeInterval};
        for (int i = 0; i < names.length; i++) {
            if (values[i] == null || values[i].isNegative() || values[i].isZero()) {
                out.add("seamless.retention." + names[i] + " must be a positive duration (ISO 8601, e.g. P90D)");
            }
        }
        if (!out.isEmpty()) {
            return out;
        }
        atLeast(out, "replay-window", replayWindow, "the longest delivery deadline", longestDeliveryDeadline);
        atLeast(out, "inbound-messages", inboundMessages, "replay-window", replayWindow);
        atLeast(out, "tracking", tracking, "replay-window", replayWindow);
        atLeast(out, "sink-delivered-keys", sinkDeliveredKeys, "the longest delivery deadline", longestDeliveryDeadline);
        atLeast(out, "vcs-mailbox-unacknowledged", vcsMailboxUnacknowledged, "vcs-mailbox", vcsMailbox);
        if (purgeInterval.compareTo(Duration.ofDays(1)) > 0) {
            out.add("seamless.retention.purge-interval (" + show(purgeInterval) + ") must be at most a day");
        }
        return out;
    }

    private static void atLeast(List<String> out, String name, Duration value, String floorName, Duration floor) {
        if (value.compareTo(floor) < 0) {
            out.add("seamless.retention." + name + " (" + show(value) + ") is shorter than " + floorName + " ("
                    + show(floor) + ")");
        }
    }

    /** A duration as written in configuration: whole days as {@code P30D}, anything else as ISO 8601. */
    static String show(Duration d) {
        return d.toSeconds() % 86_400 == 0 && d.getNano() == 0 ? "P" + d.toDays() + "D" : d.toString();
    }
}
