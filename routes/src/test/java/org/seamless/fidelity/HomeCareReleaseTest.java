package org.seamless.fidelity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.seamless.mappings.canonical.NhsNumber;
import org.seamless.mappings.canonical.SeamlessEvent;
import org.seamless.mappings.d2a.D2aCodes;
import org.seamless.mappings.d2a.D2aFields;
import org.seamless.mappings.d2a.D2aMessages;
import org.seamless.mappings.d2a.D2aStay;
import org.seamless.mappings.d2a.HomeCareMessages;
import org.seamless.mappings.d2a.HomeCareNotice;
import org.seamless.mappings.d2a.HomeCarePackage;
import org.seamless.mappings.d2a.TestD2a;
import org.seamless.mappings.message.MessageBundles;
import org.seamless.mappings.testdata.TestNhsNumbers;
import org.seamless.mappings.vcs.VcsViews;
import org.seamless.privacy.AgencyRef;
import org.seamless.privacy.PrivacyChain;
import org.seamless.privacy.consent.ConsentRecord;
import org.seamless.privacy.consent.Purpose;
import org.seamless.privacy.consent.RecipientScope;
import org.seamless.privacy.decide.Outcome;
import org.seamless.mappings.canonical.AgencyKind;

/**
 * Home care suspend and resume through the shipped privacy chain (sharing rules home-care-suspend /
 * home-care-resume, profile home-care-provider), over 2,000 generated stays: each leg to the provider is
 * released identifiable under its own rule citing s251B, and what is released (the FHIR message and the
 * provider's JSON form) carries the person, package, from-when and ward phone and nothing else of the
 * stay; when the person objected to sharing with the provider for direct care, both legs are withheld.
 */
class HomeCareReleaseTest {
    static final ShippedChain CHAIN = new ShippedChain();
    static final AgencyRef TRUST = new AgencyRef("demo-trust", AgencyKind.NHS_TRUST);
    static final AgencyRef PROVIDER = new AgencyRef("demo-homecare", AgencyKind.VOLUNTARY_ORG);
    static final int STAYS = 2000;

    @AfterAll
    static void close() {
        CHAIN.close();
    }

    @Test
    void theProviderGetsWhatItNeedsAndNothingClinicalAndAnObjectionWithholdsBoth() throws Exception {
        Random r = new Random(6306);
        int released = 0;
        int withheld = 0;
        for (int i = 0; i < STAYS; i++) {
            NhsNumber nhs = TestNhsNumbers.random(r);
            boolean objected = i % 5 == 0;
            if (objected) {
                Instant at = Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i);
                CHAIN.consents.record(new ConsentRecord(nhs, ConsentRecord.Kind.OBJECTION, Purpose.DIRECT_CARE,
                        RecipientScope.agency(PROVIDER.id()), at, Optional.empty(), ConsentRecord.Status.ACTIVE,
                        ShippedChain.recorderFor(PROVIDER), "home-care-objection-" + i, at));
            }
            D2aStay.Builder b = TestD2a.admission(i, nhs.value(), "DEMO1", "LS" + (1 + r.nextInt(9)) + " 2BB").toBuilder();
            b.givenName = "G" + token(r);
            b.familyName = "F" + token(r);
            b.addressLines = List.of("L1" + token(r), "L2" + token(r));
            b.city = "C" + token(r);
            b.phone = "P" + token(r);
            b.ward = "W" + token(r);
            b.spellId = "S" + token(r);
            b.contactName = "K" + token(r);
            b.contactPhone = "0113 " + (100_000 + r.nextInt(900_000));
            D2aStay admission = b.build();
            b = admission.toBuilder().next(TestD2a.id(i, "discharged"), SeamlessEvent.D2A_DISCHARGED,
                    admission.sentAt().plusSeconds(86_400));
            b.referralId = "R" + token(r);
            b.pathway = D2aCodes.Pathway.values()[r.nextInt(4)];
            b.needsSummary = "N" + token(r);
            b.dischargeReadyDate = LocalDate.of(2027, 1, 1).plusDays(r.nextInt(300));
            b.delayReason = D2aCodes.DelayReason.values()[r.nextInt(D2aCodes.DelayReason.values().length)];
            b.delayNote = "D" + token(r);
            b.dischargedAt = OffsetDateTime.of(2026, 3, 10, 14, 30, 0, 0, ZoneOffset.UTC);
            b.dischargeDestination = r.nextBoolean() ? "19" : "54";
            D2aStay discharged = b.build();
            HomeCarePackage pkg = new HomeCarePackage("demo-la-csv", "PKG-" + token(r), PROVIDER.id());
            List<String> absent = List.of(admission.addressLines().get(1), admission.city(), admission.phone(),
                    admission.ward(), admission.spellId(), admission.contactName(), admission.uprn(),
                    discharged.referralId(), discharged.needsSummary(), discharged.delayNote(),
                    discharged.dischargeReadyDate().toString(), D2aCodes.PATHWAY_SYSTEM, D2aCodes.DELAY_REASON_SYSTEM,
                    D2aCodes.DISCHARGE_DESTINATION_SYSTEM, D2aFields.ADDRESS_KEY, D2aMessages.UNPAID_CARER,
                    "\"gender\"", "Encounter", "ServiceRequest");

            for (HomeCareNotice n : List.of(HomeCareNotice.suspend(admission, pkg), HomeCareNotice.resume(discharged, pkg))) {
                Bundle message = MessageBundles.parse(HomeCareMessages.buildJson(n));
                PrivacyChain.LegResult result = CHAIN.leg(message, n.event(), TRUST, PROVIDER);
                assertThat(result.decision().ruleId()).isEqualTo(n.event().code());
                assertThat(result.decision().legalBasis()).contains("s251B", "9(2)(h)");
                if (objected) {
                    assertThat(result.decision().outcome()).isEqualTo(Outcome.WITHHOLD);
                    assertThat(result.released()).isEmpty();
                    withheld++;
                    continue;
                }
                assertThat(result.decision().outcome()).isEqualTo(Outcome.RELEASE_IDENTIFIABLE);
                String fhir = MessageBundles.toJson(result.released().orElseThrow());
                JsonNode view = VcsViews.view(result.released().get()).orElseThrow();
                assertThat(view.get("type").asText()).isEqualTo(n.event().code());
                assertThat(view.get("packageId").asText()).isEqualTo(pkg.packageId());
                assertThat(view.get("council").asText()).isEqualTo("demo-la-csv");
                assertThat(view.get("fromDate").asText()).isEqualTo(n.from());
                assertThat(view.get("visits").asText()).isEqualTo(n.visits().code());
                assertThat(view.get("wardPhone").asText()).isEqualTo(admission.contactPhone());
                assertThat(view.at("/person/nhsNumber").asText()).isEqualTo(nhs.value());
                assertThat(view.at("/person/givenName").asText()).isEqualTo(admission.givenName());
                assertThat(view.at("/person/familyName").asText()).isEqualTo(admission.familyName());
                assertThat(view.at("/person/birthDate").asText()).isEqualTo(admission.birthDate().toString());
                assertThat(view.at("/person/address/line1").asText()).isEqualTo(admission.addressLines().get(0));
                assertThat(view.at("/person/address/postcode").asText()).isEqualTo(admission.postcode());
                for (String text : List.of(fhir, view.toString())) {
                    for (String value : absent) {
                        assertThat(text).as("%s released in a %s", value, n.event().code()).doesNotContain(value);
                    }
                }
                released++;
            }
        }
        assertThat(released).isGreaterThan(STAYS);
        assertThat(withheld).isGreaterThan(STAYS / 10);
    }

    private static String token(Random r) {
        byte[] b = new byte[8];
        r.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
