package org.seamless.mappings.vcs;

/**
 * A referral outcome as the receiving organisation reports it:
 * {@code POST /api/v1/vcs/referrals/{referralId}/outcome}.
 *
 * @param status  accepted, rejected, in-progress, on-hold, completed or cancelled (required)
 * @param outcome a code for what happened, e.g. {@code support-provided}, {@code declined-by-person}
 * @param reason  free text, for example why a referral was rejected
 */
public record OutcomeSubmission(String status, String outcome, String reason) {
    @Override
    public String toString() {
        return "OutcomeSubmission[status=" + status + "]";
    }
}
