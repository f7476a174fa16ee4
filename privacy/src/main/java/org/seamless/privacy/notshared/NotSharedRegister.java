package org.seamless.privacy.notshared;

import java.util.Optional;
import java.util.Set;

/**
 * The recorded decisions not to share (ADR 0082): which items (business identifiers, {@code system|value})
 * must not go to which recipients. Read by the privacy chain for every leg.
 */
public interface NotSharedRegister {
    /** Recipients value of a decision that applies to every recipient. */
    String ALL = "all-recipients";

    /** The first recorded decision that withholds one of {@code itemKeys} from {@code recipient}, if any. */
    Optional<Match> find(Set<String> itemKeys, String recipient);

    /** A decision that applies to the leg: its id, the item it names and the agency that recorded it. */
    record Match(String decisionId, String itemKey, String recordedBy) {
    }

    /** The key of an item: its identifier's system and value. */
    static String key(String system, String value) {
        return (system == null ? "" : system) + "|" + value;
    }
}
