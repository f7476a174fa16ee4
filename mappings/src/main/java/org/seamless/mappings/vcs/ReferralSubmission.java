package org.seamless.mappings.vcs;

import java.util.List;

/**
 * A referral as a voluntary organisation (or anyone using the JSON API) sends it:
 * {@code POST /api/v1/vcs/referrals}. Field meanings and examples: docs/flows/voluntary-sector.md.
 *
 * @param to       the receiving organisation's Seamless agency id (required)
 * @param service  what is asked for, a code such as {@code home-from-hospital} (required)
 * @param needs    the person's needs as codes, e.g. {@code shopping}, {@code befriending}
 * @param priority routine (default), urgent, asap or stat
 * @param notes    free text for the receiving service
 * @param person   whom the referral is about (required)
 */
public record ReferralSubmission(String to, String service, List<String> needs, String priority, String notes,
                                 Person person) {

    /** The person referred; only {@code nhsNumber} is required. */
    public record Person(String nhsNumber, String givenName, String familyName, String birthDate, String gender,
                         String phone, Address address) {
        @Override
        public String toString() {
            return "Person[...]";
        }
    }

    /** A postal address. */
    public record Address(List<String> lines, String city, String postcode) {
        @Override
        public String toString() {
            return "Address[...]";
        }
    }

    @Override
    public String toString() {
        return "ReferralSubmission[to=" + to + ", service=" + service + "]";
    }
}
