package org.seamless.ops.console.messages;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What an operator searches messages by. None of these is personal data (message ids, agency ids, event
 * codes, states and times), so the search form may be a GET and its URL bookmarked; a person's NHS number
 * or name is never a search field here (that is the IG page's POST).
 */
public record SearchCriteria(Optional<String> messageId, Optional<String> agency, AgencyRole role,
                             Optional<String> event, Optional<State> state, Optional<Instant> from,
                             Optional<Instant> to) {
    /** Times typed into the form are wall-clock times in England. */
    public static final ZoneId ZONE = ZoneId.of("Europe/London");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    /** Whether the agency filter means the sender or a recipient of the message. */
    public enum AgencyRole { SENDER, RECIPIENT }

    /** A state some leg of the message reached (ADR 0012's leg states). */
    public enum State {
        RECEIVED("received, not yet decided"), WITHHELD("withheld"), RELEASED("released, not yet delivered"),
        DELIVERED("delivered"), REFUSED("refused by the recipient's system"), DEAD_LETTERED("dead-lettered"),
        UNDELIVERABLE("undeliverable (the transport could not deliver it)"),
        ACCEPTED("accepted"), REJECTED("rejected");

        private final String label;

        State(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        public String code() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        static Optional<State> fromCode(String code) {
            for (State s : values()) {
                if (s.code().equals(code)) {
                    return Optional.of(s);
                }
            }
            return Optional.empty();
        }
    }

    public static SearchCriteria none() {
        return new SearchCriteria(Optional.empty(), Optional.empty(), AgencyRole.SENDER, Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** The form's fields as typed; {@link #toCriteria(List)} checks them. */
    public record Form(String messageId, String agency, String role, String event, String state, String from,
                       String to) {
        public static Form empty() {
            return new Form("", "", "sender", "", "", "", "");
        }

        /** The criteria, or empty with a plain-English problem per bad field added to {@code problems}. */
        public Optional<SearchCriteria> toCriteria(List<String> problems) {
            List<String> found = new ArrayList<>();
            Optional<String> id = id(messageId, "A message id", found);
            Optional<String> ag = id(agency, "An agency id", found);
            Optional<String> ev = id(event, "An event code", found);
            Optional<State> st = blank(state) ? Optional.empty() : State.fromCode(state.strip());
            if (!blank(state) && st.isEmpty()) {
                found.add("Choose a state from the list.");
            }
            Optional<Instant> f = time(from, "The start time", found);
            Optional<Instant> t = time(to, "The end time", found);
            if (f.isPresent() && t.isPresent() && !f.get().isBefore(t.get())) {
                found.add("The start time must be before the end time.");
            }
            problems.addAll(found);
            return found.isEmpty() ? Optional.of(new SearchCriteria(id, ag,
                    "recipient".equals(role) ? AgencyRole.RECIPIENT : AgencyRole.SENDER, ev, st, f, t))
                    : Optional.empty();
        }

        private static Optional<String> id(String value, String what, List<String> problems) {
            if (blank(value)) {
                return Optional.empty();
            }
            String v = value.strip();
            if (!ID.matcher(v).matches()) {
                problems.add(what + " is 1 to 64 letters, digits, dots, colons, hyphens or underscores.");
                return Optional.empty();
            }
            return Optional.of(v);
        }

        private static Optional<Instant> time(String value, String what, List<String> problems) {
            if (blank(value)) {
                return Optional.empty();
            }
            try {
                return Optional.of(LocalDateTime.parse(value.strip()).atZone(ZONE).toInstant());
            } catch (DateTimeParseException e) {
                problems.add(what + " must be a date and time, for example 2026-12-05T09:30.");
                return Optional.empty();
            }
        }

        private static boolean blank(String s) {
            return s == null || s.isBlank();
        }
    }
}
