package org.seamless.privacy.decide;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.seamless.mappings.canonical.AgencyKind;
import org.seamless.mappings.canonical.SeamlessEvent;

/**
 * One row of the sharing-rule table, keyed by (event, source kind, recipient kind), optionally
 * narrowed to named recipient agencies.
 *
 * @param purpose             a {@link org.seamless.privacy.consent.Purpose} code, e.g. {@code safeguarding}
 * @param release             what the recipient gets when the rule applies
 * @param consentRequired     when true, the leg is withheld unless an active consent covers it
 * @param overridesObjection  when true, the legal basis overrides a recorded objection (flagged)
 * @param allowSensitive      sensitivity categories this rule lets through (all others are removed)
 * @param withoutConsent      for a consent rule: what may still go, pseudonymised and under a legal
 *                            basis of its own, when there is no consent (empty: withhold)
 */
public record SharingRule(
        String id,
        SeamlessEvent event,
        AgencyKind sourceKind,
        AgencyKind recipientKind,
        Set<String> recipientAgencies,
        String purpose,
        String legalBasis,
        boolean consentRequired,
        Release release,
        String profile,
        boolean overridesObjection,
        Set<String> allowSensitive,
        Optional<WithoutConsent> withoutConsent) {

    /** The form of release a rule grants. */
    public enum Release {
        IDENTIFIABLE, PSEUDONYMISED, WITHHOLD
    }

    /** A consent rule's fallback: release pseudonymised, minimised to {@code profile}, under {@code legalBasis}. */
    public record WithoutConsent(String legalBasis, String profile) {
    }

    /** What two rules must not share: event, source kind, recipient kind and the narrowing list. */
    public record Key(SeamlessEvent event, AgencyKind sourceKind, AgencyKind recipientKind, Set<String> agencies) {
    }

    public SharingRule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(sourceKind, "sourceKind");
        Objects.requireNonNull(recipientKind, "recipientKind");
        recipientAgencies = recipientAgencies == null ? Set.of() : Set.copyOf(recipientAgencies);
        Objects.requireNonNull(release, "release");
        allowSensitive = allowSensitive == null ? Set.of() : Set.copyOf(allowSensitive);
        withoutConsent = withoutConsent == null ? Optional.empty() : withoutConsent;
    }

    /** The original eleven-field form: no sensitive categories allowed, no fallback. */
    public SharingRule(String id, SeamlessEvent event, AgencyKind sourceKind, AgencyKind recipientKind,
                       Set<String> recipientAgencies, String purpose, String legalBasis, boolean consentRequired,
                       Release release, String profile, boolean overridesObjection) {
        this(id, event, sourceKind, recipientKind, recipientAgencies, purpose, legalBasis, consentRequired, release,
                profile, overridesObjection, Set.of(), Optional.empty());
    }

    /** Whether this rule covers a leg of this event between agencies of these kinds and id. */
    public boolean covers(SeamlessEvent e, AgencyKind source, AgencyKind recipient, String recipientId) {
        return event == e && sourceKind == source && recipientKind == recipient
                && (recipientAgencies.isEmpty() || recipientAgencies.contains(recipientId));
    }

    public Key key() {
        return new Key(event, sourceKind, recipientKind, recipientAgencies);
    }

    /** Who this rule is for, for messages: e.g. {@code referral nhs-trust -> voluntary-org [demo-charity]}. */
    public String describe() {
        return event.code() + " " + sourceKind.code() + " -> " + recipientKind.code()
                + (recipientAgencies.isEmpty() ? "" : " " + new TreeSet<>(recipientAgencies));
    }
}
