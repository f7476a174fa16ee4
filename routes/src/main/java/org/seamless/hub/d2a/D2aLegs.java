package org.seamless.hub.d2a;

import java.util.List;
import java.util.stream.Collectors;
import org.seamless.mappings.canonical.SeamlessEvent;
import org.seamless.mappings.d2a.D2aCodes;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Which trust sent a discharge to assess event that was released to a given council, from the
 * disclosure ledger: a council's answer goes back to that trust only, and only if the council was
 * released the event it answers (an authenticated council cannot address answers to other trusts).
 */
public class D2aLegs {
    static final String TRUST_EVENTS = D2aCodes.FROM_HOSPITAL.stream().map(SeamlessEvent::code)
            .map(c -> "'" + c + "'").sorted().collect(Collectors.joining(",", "(", ")"));

    private final JdbcTemplate jdbc;

    public D2aLegs(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The agencies whose trust event with this id was released to {@code council}. */
    public List<String> sourcesReleasedTo(String eventMessageId, String council) {
        return jdbc.queryForList("SELECT DISTINCT source_agency FROM ledger_entry WHERE message_id = ?"
                + " AND recipient_agency = ? AND entry_kind = 'RELEASE' AND event_code IN " + TRUST_EVENTS,
                String.class, eventMessageId, council);
    }
}
