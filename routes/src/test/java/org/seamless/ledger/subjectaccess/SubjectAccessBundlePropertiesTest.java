package org.seamless.ledger.subjectaccess;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.DocumentReference;
import org.seamless.mappings.canonical.FhirContexts;
import org.seamless.mappings.canonical.NhsNumber;
import org.seamless.privacy.consent.ConsentRecord;
import org.seamless.privacy.consent.Purpose;
import org.seamless.privacy.consent.RecipientScope;
import org.seamless.privacy.ledger.EntryKind;
import org.seamless.privacy.ledger.LedgerEntry;

/**
 * Over generated people: the export Bundle holds one AuditEvent per ledger entry, with that entry's
 * kind, outcome, recipient, purpose, legal basis and hash, and nothing else; one Consent per registry
 * record; one DocumentReference per kept message; and it survives a JSON round trip unchanged in count.
 */
class SubjectAccessBundlePropertiesTest {
    static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");

    @Property(tries = 1_000)
    void theBundleMatchesWhatIsHeldOneToOne(@ForAll long seed) {
        Random r = new Random(seed);
        NhsNumber nhs = NhsNumber.parse(validNhs(r));
        List<LedgerEntry> ledger = new ArrayList<>();
        long seq = 1 + r.nextInt(1000);
        int n = r.nextInt(40);
        for (int i = 0; i < n; i++) {
            seq += 1 + r.nextInt(5);
            EntryKind kind = EntryKind.values()[r.nextInt(EntryKind.values().length)];
            ledger.add(new LedgerEntry(seq, kind, "m-" + r.nextInt(20), "agency-" + r.nextInt(4), r.nextInt(2),
                    r.nextBoolean() ? "referral" : null, r.nextBoolean() ? "demo-trust" : null, "idx", "OUTCOME" + i,
                    r.nextBoolean() ? "rule-" + i : null, r.nextBoolean() ? "referral" : null,
                    r.nextBoolean() ? "basis " + i : null, null, r.nextBoolean() ? "note " + i : null, null, null,
                    T0.plusSeconds(i), T0.plusSeconds(i), "hash" + i));
        }
        List<ConsentRecord> consents = new ArrayList<>();
        for (int i = 0; i < r.nextInt(6); i++) {
            consents.add(new ConsentRecord(nhs, r.nextBoolean() ? ConsentRecord.Kind.CONSENT : ConsentRecord.Kind.OBJECTION,
                    Purpose.values()[r.nextInt(Purpose.values().length)], RecipientScope.agency("agency-" + i), T0,
                    Optional.empty(), r.nextBoolean() ? ConsentRecord.Status.ACTIVE : ConsentRecord.Status.WITHDRAWN,
                    "demo-trust", "ref-" + i, T0.plusSeconds(i)));
        }
        List<SubjectAccessData.HeldMessage> messages = new ArrayList<>();
        for (int i = 0; i < r.nextInt(4); i++) {
            messages.add(new SubjectAccessData.HeldMessage("demo-trust", "m-" + i, "referral", T0, "{\"resourceType\":\"Bundle\"}"));
        }
        SubjectAccessData data = new SubjectAccessData("export-" + seed, T0, nhs, consents, ledger, messages, List.of(),
                List.of());

        Bundle b = FhirContexts.r4().newJsonParser().parseResource(Bundle.class, SubjectAccessBundle.json(data));
        assertThat(SubjectAccessBundle.ledgerSeqs(b)).containsExactlyElementsOf(ledger.stream().map(LedgerEntry::seq).toList());
        List<AuditEvent> events = b.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(AuditEvent.class::isInstance).map(AuditEvent.class::cast).toList();
        for (int i = 0; i < ledger.size(); i++) {
            LedgerEntry e = ledger.get(i);
            AuditEvent a = events.get(i);
            assertThat(a.getType().getCode()).isEqualTo(e.kind().name());
            assertThat(a.getSubtypeFirstRep().getCode()).isEqualTo(e.outcome());
            assertThat(a.getAgent()).anyMatch(ag -> !ag.getRequestor() && ag.getWho().getIdentifier().getValue()
                    .equals(e.recipient()));
            assertThat(a.getEntityFirstRep().getWhat().getIdentifier().getValue()).isEqualTo(e.messageId());
            assertThat(detail(a, "entry-hash")).contains(e.entryHash());
            assertThat(detail(a, "legal-basis")).isEqualTo(Optional.ofNullable(e.legalBasis()));
            assertThat(a.getPurposeOfEvent().isEmpty()).isEqualTo(e.purpose() == null);
        }
        assertThat(b.getEntry()).filteredOn(x -> x.getResource() instanceof Consent).hasSize(consents.size());
        assertThat(b.getEntry()).filteredOn(x -> x.getResource() instanceof DocumentReference).hasSize(messages.size());
        assertThat(b.getEntry()).hasSize(1 + ledger.size() + consents.size() + messages.size());
    }

    private static Optional<String> detail(AuditEvent a, String type) {
        return a.getEntityFirstRep().getDetail().stream().filter(d -> type.equals(d.getType()))
                .map(d -> d.getValue().primitiveValue()).findFirst();
    }

    private static String validNhs(Random r) {
        while (true) {
            String nine = "999" + String.format("%06d", r.nextInt(1_000_000));
            Integer check = NhsNumber.checkDigitFor(nine);
            if (check != null) {
                return nine + check;
            }
        }
    }
}
