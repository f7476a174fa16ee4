package org.seamless.ops.retention;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long the files Seamless keeps for CSV local authorities are kept ({@code seamless.retention.files.*},
 * ADR 0072), counted from each file's last modification.
 *
 * @param inbox  files an authority dropped in its inbox that Seamless has imported, with the rejects and
 *               summary written beside them (its inbox's {@code processed/} and {@code failed/} folders)
 * @param outbox notice files (and their {@code .ok} markers) still in an authority's outbox folder: the
 *               authority's import job normally takes them within minutes, so one still there after this long
 *               was never collected; it is removed with a warning (the ledger keeps the record of the release,
 *               and an operator can replay the message within the replay window)
 */
@ConfigurationProperties("seamless.retention.files")
public record FileRetentionProperties(
        @DefaultValue("P90D") Duration inbox,
        @DefaultValue("P90D") Duration outbox) {

    /** What is wrong with the policy; empty when it is sound. */
    public List<String> problems() {
        List<String> out = new ArrayList<>();
        check(out, "inbox", inbox);
        check(out, "outbox", outbox);
        return out;
    }

    private static void check(List<String> out, String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            out.add("seamless.retention.files." + name + " must be a positive duration (ISO 8601, e.g. P90D)");
        }
    }
}
