package org.seamless.hub.identity;

import java.util.Optional;
import org.seamless.adapters.pds.PdsClient;
import org.seamless.adapters.pds.PdsPatient;
import org.seamless.adapters.pds.PdsUnavailableException;
import org.seamless.hub.residence.Postcodes;
import org.seamless.mappings.canonical.NhsNumber;

/**
 * Reads an identity event's details from PDS, as an MNS subscriber does through the signal's {@code dataref}
 * (ADR 0084): a read of the subject's NHS number. A number change's new number is the one PDS answers under (the
 * subject superseded or merged); a death's date is {@code deceasedDateTime}; an address change's postcode is the
 * current home address's. PDS answering without the detail (no current record, the number not superseded, no
 * death recorded, no home postcode) is {@link IdentityEventParser#MISSING_DETAIL}; PDS not answering is a
 * {@link PdsUnavailableException}, which the subscriber answers 503 with the event kept.
 */
public final class PdsDetails {
    private final PdsClient pds;

    public PdsDetails(PdsClient pds) {
        this.pds = pds;
    }

    public IdentityEvent complete(IdentityEvent signal) {
        PdsPatient p = pds.readPatient(signal.subject()).orElseThrow(() -> new IdentityEventException(
                IdentityEventParser.MISSING_DETAIL, "PDS has no current record for the subject"));
        Optional<NhsNumber> replacedBy = Optional.empty();
        Optional<java.time.LocalDate> death = Optional.empty();
        Optional<String> postcode = Optional.empty();
        switch (signal.kind()) {
            case NHS_NUMBER_CHANGE -> {
                if (!p.superseded() || p.nhsNumber().equals(signal.subject())) {
                    throw new IdentityEventException(IdentityEventParser.MISSING_DETAIL,
                            "number change but PDS has not superseded the subject");
                }
                replacedBy = Optional.of(p.nhsNumber());
            }
            case DEATH -> death = Optional.of(p.dateOfDeath().orElseThrow(() -> new IdentityEventException(
                    IdentityEventParser.MISSING_DETAIL, "death notification but PDS records no deceasedDateTime")));
            case ADDRESS_CHANGE -> postcode = Optional.of(p.homePostcode().flatMap(Postcodes::normalise)
                    .orElseThrow(() -> new IdentityEventException(IdentityEventParser.MISSING_DETAIL,
                            "address change but PDS has no home postcode")));
        }
        return new IdentityEvent(signal.id(), signal.kind(), signal.type(), signal.time(), signal.subject(), replacedBy,
                death, postcode);
    }
}
