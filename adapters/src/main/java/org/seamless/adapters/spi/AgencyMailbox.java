package org.seamless.adapters.spi;

/**
 * Where a sink keeps what it released to an agency, by event id: the pull inbox of an agency that
 * cannot receive webhooks ({@code pull} true: held until the agency acknowledges it), and the record
 * behind "list my referrals" for one that can ({@code pull} false: kept after a 2xx). Keeping the
 * same (agency, event id) twice is harmless, so a broker redelivery never makes a second item.
 */
public interface AgencyMailbox {

    /** A released message, as the body the agency is given ({@code contentType}). */
    record Item(String agencyId, String eventId, String messageId, int replayGeneration, String event,
                String contentType, String body) {
        @Override
        public String toString() {
            return "Item[agency=" + agencyId + ", event=" + eventId + "]";
        }
    }

    void keep(Item item, boolean pull);

    /** Keeps nothing: for runtimes without a database (a remote adapter not serving the JSON API). */
    AgencyMailbox NONE = (item, pull) -> {
    };
}
