package org.seamless.hub.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.Test;
import org.seamless.mappings.canonical.NhsNumber;
import org.seamless.mappings.consent.ConsentMessages;
import org.seamless.mappings.consent.ConsentSpec;
import org.seamless.mappings.message.MessageBundles;
import org.seamless.mappings.testdata.TestNhsNumbers;
import org.seamless.privacy.consent.ConsentRecord;
import org.seamless.privacy.consent.FhirConsentMapper;
import org.seamless.privacy.consent.Purpose;
import org.seamless.privacy.consent.RecipientScope;
import org.seamless.mappings.canonical.AgencyKind;

/** What the front doors build is read by the hub's own mapper, after the JSON trip through the broker, as meant. */
class ConsentMessagesRoundTripTest {
    private final FhirConsentMapper mapper = new FhirConsentMapper(ods -> Optional.empty());

    @Test
    void agencyAndKindRecipientsPurposesPeriodAndWithdrawalSurviveTheTrip() {
        String ref = ConsentMessages.referenceFor("la", "r1");
        ConsentSpec spec = new ConsentSpec(ref, TestNhsNumbers.FIXED, false, List.of("referral", "direct-care"),
                List.of(ConsentSpec.Recipient.agency("demo-charity"), ConsentSpec.Recipient.kind("nhs-trust")),
                LocalDate.parse("2026-01-01"), LocalDate.parse("2026-12-31"), true);
        List<ConsentRecord> records = map(spec);
        assertThat(records).hasSize(4).allMatch(r -> r.reference().equals(ref) && r.kind() == ConsentRecord.Kind.CONSENT
                && r.status() == ConsentRecord.Status.ACTIVE && r.source().equals("la"));
        assertThat(records).extracting(ConsentRecord::recipient).containsOnly(RecipientScope.agency("demo-charity"),
                RecipientScope.kind(AgencyKind.NHS_TRUST));
        assertThat(records).extracting(ConsentRecord::purpose).containsOnly(Purpose.REFERRAL, Purpose.DIRECT_CARE);
        assertThat(records.get(0).periodStart()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(records.get(0).periodEnd()).contains(Instant.parse("2027-01-01T00:00:00Z"));

        ConsentSpec withdrawn = new ConsentSpec(ref, TestNhsNumbers.FIXED, false, spec.purposes(), spec.recipients(),
                spec.start(), spec.end(), false);
        assertThat(map(withdrawn)).hasSize(4).allMatch(r -> r.status() == ConsentRecord.Status.WITHDRAWN);
    }

    private List<ConsentRecord> map(ConsentSpec spec) {
        Bundle built = ConsentMessages.consentUpdate(ConsentMessages.toConsent(spec), NhsNumber.parse(spec.nhsNumber()),
                "m-1", "la", null);
        Bundle travelled = MessageBundles.parse(MessageBundles.toJson(built));
        return mapper.mapAll(travelled, "la", Instant.parse("2026-06-01T00:00:00Z"));
    }
}
