package org.seamless.fidelity;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.fhirpath.IFhirPath;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Collectors;
import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.instance.model.api.IPrimitiveType;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.seamless.mappings.canonical.AgencyKind;
import org.seamless.mappings.canonical.FhirContexts;
import org.seamless.mappings.canonical.NhsNumber;
import org.seamless.mappings.canonical.SeamlessEvent;
import org.seamless.mappings.csv.FormulaPolicy;
import org.seamless.mappings.csv.HospitalNoticeCsv;
import org.seamless.mappings.itk.NoticeEnvelopes;
import org.seamless.mappings.message.MessageBundles;
import org.seamless.mappings.testdata.TestNotices;
import org.seamless.mappings.testdata.TestPeople;
import org.seamless.mappings.vcs.OutcomeMessages;
import org.seamless.mappings.vcs.OutcomeSubmission;
import org.seamless.mappings.vcs.ReferralMessages;
import org.seamless.mappings.vcs.ReferralSubmission;
import org.seamless.mappings.vcs.VcsViews;
import org.seamless.privacy.AgencyRef;
import org.seamless.privacy.PrivacyChain;
import org.seamless.privacy.consent.ConsentRecord;
import org.seamless.privacy.consent.Purpose;
import org.seamless.privacy.consent.RecipientScope;

/**
 * Field fidelity as a property (issue 24): for every event and output format in the message
 * catalogue's field table ({@code docs/message-fields.yaml}), over thousands of generated messages run
 * through the shipped privacy chain and the output mappings in-process, each promised field arrives
 * with the value sent, or the table says it is minimised away for that recipient. The table is the
 * single list: a field it names that a mapping drops, or a format it names that no mapping here
 * renders, fails the test.
 */
class FieldFidelityTest {
    static final Path TABLE = Path.of("../docs/message-fields.yaml");
    static final int NOTICES_PER_EVENT = 300;
    static final int REFERRALS = 400;
    static final int OUTCOMES_PER_KIND = 200;
    static final ObjectMapper JSON = new ObjectMapper();
    static final IFhirPath PATH = FhirContexts.r4().newFhirPath();
    static final ShippedChain CHAIN = new ShippedChain();
    static final AgencyRef TRUST = new AgencyRef("demo-trust", AgencyKind.NHS_TRUST);
    static final AgencyRef COUNCIL = new AgencyRef("demo-la-csv", AgencyKind.LOCAL_AUTHORITY);
    static final AgencyRef CHARITY = new AgencyRef("demo-charity", AgencyKind.VOLUNTARY_ORG);
    static final AgencyRef CARERS = new AgencyRef("demo-carers-centre", AgencyKind.VOLUNTARY_ORG);

    @AfterAll
    static void close() {
        CHAIN.close();
    }

    /** One message family of the table. */
    record Family(String name, List<String> events, List<String> formats, List<Map<String, String>> fields) {
    }

    static Map<String, Family> table() throws Exception {
        JsonNode doc = new ObjectMapper(new YAMLFactory()).readTree(TABLE.toFile());
        Map<String, Family> out = new LinkedHashMap<>();
        for (JsonNode m : doc.get("messages")) {
            List<Map<String, String>> fields = new ArrayList<>();
            for (JsonNode f : m.get("fields")) {
                Map<String, String> field = new LinkedHashMap<>();
                f.fields().forEachRemaining(e -> field.put(e.getKey(), e.getValue().asText()));
                fields.add(field);
            }
            out.put(m.get("name").asText(), new Family(m.get("name").asText(), strings(m.get("events")),
                    strings(m.get("formats")), fields));
        }
        return out;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** Counts the checks made, so the test can say how many it made and fail when it made none. */
    private final Map<String, Integer> checked = new LinkedHashMap<>();

    @Test
    void everyPromisedFieldArrivesWithTheValueSentInEveryFormat() throws Exception {
        Map<String, Family> table = table();
        assertThat(table.keySet()).contains("care-act-notice", "referral", "referral-outcome-to-voluntary-org",
                "referral-outcome-to-trust");
        int messages = 0;

        Family notices = table.get("care-act-notice");
        HospitalNoticeCsv csv = new HospitalNoticeCsv(FormulaPolicy.OFF);
        for (String code : notices.events()) {
            SeamlessEvent event = SeamlessEvent.fromCode(code).orElseThrow();
            for (int seed = 0; seed < NOTICES_PER_EVENT; seed++) {
                TestNotices.Notice n = TestNotices.notice(event, 240_000L + seed);
                Bundle out = released(n.bundle(), event, TRUST, COUNCIL);
                List<String> row = csv.values(out, 0);
                Map<String, Object> got = new LinkedHashMap<>();
                got.put("csv", row);
                String xml = NoticeEnvelopes.envelope(out, "urn:nhs-uk:addressing:ods:DEMO2", "demo-trust", 0).payloads().get(0).content();
                got.put("itk", FhirContexts.r4().newXmlParser().parseResource(Bundle.class, xml));
                check(notices, code, n.bundle(), null, got);
                messages++;
            }
        }

        Family referrals = table.get("referral");
        Random random = new Random(24);
        Map<String, Bundle> referralBundles = new LinkedHashMap<>();
        Map<String, JsonNode> referralPersons = new LinkedHashMap<>();
        for (int i = 0; i < REFERRALS; i++) {
            TestPeople.Person p = new TestPeople(250_000L + i).next();
            consent(p.nhsNumber(), CARERS);
            consent(p.nhsNumber(), CHARITY);
            consent(p.nhsNumber(), TRUST);
            String body = referralJson(p, random);
            ReferralSubmission submission = JSON.readValue(body, ReferralSubmission.class);
            String id = UUID.randomUUID().toString();
            Bundle referral = ReferralMessages.referral(submission, new ReferralMessages.Party(CHARITY.id(), "DEMO4",
                    "Demo Home From Hospital Service"), id, ShippedChain.NOW);
            referral = MessageBundles.parse(MessageBundles.toJson(referral)); // as the hub reads it
            Bundle out = released(referral, SeamlessEvent.REFERRAL, CHARITY, CARERS);
            String view = VcsViews.json(out).orElseThrow();
            check(referrals, "referral", null, JSON.readTree(body), Map.of("webhook", JSON.readTree(view),
                    "pull", JSON.readTree(view)));
            referralBundles.put(id, referral);
            messages++;
        }

        Family toCharity = table.get("referral-outcome-to-voluntary-org");
        Family toTrust = table.get("referral-outcome-to-trust");
        List<String> ids = new ArrayList<>(referralBundles.keySet());
        String[] statuses = {"accepted", "rejected", "in-progress", "on-hold", "completed", "cancelled"};
        for (int i = 0; i < 2 * OUTCOMES_PER_KIND; i++) {
            boolean trust = i % 2 == 1;
            String referralId = ids.get(i % ids.size());
            String body = "{\"status\": \"" + statuses[random.nextInt(statuses.length)] + "\", \"outcome\": \"outcome-"
                    + random.nextInt(50) + "\", \"reason\": \"Reason " + random.nextInt(1000) + " given\"}";
            OutcomeSubmission o = JSON.readValue(body, OutcomeSubmission.class);
            AgencyRef referrer = trust ? TRUST : CHARITY;
            Bundle outcome = OutcomeMessages.outcome(o, referralBundles.get(referralId), referralId,
                    new ReferralMessages.Party(CARERS.id(), "DEMO5", "Demo Carers Centre"), referrer.id(),
                    UUID.randomUUID().toString(), ShippedChain.NOW);
            outcome = MessageBundles.parse(MessageBundles.toJson(outcome));
            Bundle out = released(outcome, SeamlessEvent.REFERRAL_OUTCOME, CARERS, referrer);
            if (trust) {
                // the nhs-fhir sink pushes the released canonical JSON as it is
                check(toTrust, "referral-outcome", null, JSON.readTree(body),
                        Map.of("fhir-push", MessageBundles.parse(MessageBundles.toJson(out))));
            } else {
                String view = VcsViews.json(out).orElseThrow();
                check(toCharity, "referral-outcome", null, JSON.readTree(body), Map.of("webhook", JSON.readTree(view),
                        "pull", JSON.readTree(view)));
            }
            messages++;
        }

        assertThat(messages).isGreaterThanOrEqualTo(2_000);
        for (Family f : table.values()) {
            for (Map<String, String> field : f.fields()) {
                for (String format : f.formats()) {
                    assertThat(checked.getOrDefault(f.name() + "/" + field.get("name") + "/" + format, 0))
                            .as("checks of %s %s in %s", f.name(), field.get("name"), format).isPositive();
                }
            }
        }
    }

    private void check(Family family, String event, Bundle sentFhir, JsonNode sentJson, Map<String, Object> got) {
        for (Map<String, String> field : family.fields()) {
            String sentAt = field.get("sent");
            Optional<String> sent = sentAt.startsWith("fhir:") ? fhir(sentFhir, sentAt.substring(5))
                    : json(sentJson, sentAt.substring(5));
            for (String format : family.formats()) {
                String where = field.get(format);
                assertThat(where).as("%s: field %s names no place in format %s", family.name(), field.get("name"), format)
                        .isNotNull();
                if (where.startsWith("minimised:")) {
                    continue;
                }
                Object received = got.get(format);
                assertThat(received).as("no mapping renders %s for %s", format, family.name()).isNotNull();
                Optional<String> value = switch (format) {
                    case "csv" -> Optional.ofNullable(((List<?>) received).get(HospitalNoticeCsv.COLUMNS.indexOf(where)))
                            .map(Object::toString);
                    case "itk", "fhir-push" -> fhir((Bundle) received, where.equals("same") ? sentAt.substring(5) : where);
                    case "webhook", "pull" -> json((JsonNode) received,
                            where.equals("same") ? field.get("webhook") : where);
                    default -> throw new AssertionError("unknown format " + format);
                };
                assertThat(value).as("%s %s: %s in %s", event, family.name(), field.get("name"), format).isEqualTo(sent);
                checked.merge(family.name() + "/" + field.get("name") + "/" + format, 1, Integer::sum);
            }
        }
    }

    private static Optional<String> fhir(Bundle bundle, String path) {
        List<IBase> values = PATH.evaluate(bundle, path, IBase.class);
        // why: HAPI's parser gives an entry's resource its urn:uuid fullUrl as id; the id is what follows
        List<String> text = values.stream().map(v -> v instanceof IPrimitiveType<?> p ? p.getValueAsString() : v.toString())
                .filter(s -> s != null && !s.isEmpty()).map(s -> s.startsWith("urn:uuid:") ? s.substring(9) : s).toList();
        return text.isEmpty() ? Optional.empty() : Optional.of(String.join(" ", text));
    }

    private static Optional<String> json(JsonNode node, String pointer) {
        JsonNode v = node.at(pointer);
        if (v.isMissingNode() || v.isNull()) {
            return Optional.empty();
        }
        if (v.isArray()) {
            List<String> items = new ArrayList<>();
            v.forEach(i -> items.add(i.asText()));
            return items.isEmpty() ? Optional.empty() : Optional.of(String.join(" ", items));
        }
        return Optional.of(v.asText());
    }

    private static Bundle released(Bundle message, SeamlessEvent event, AgencyRef from, AgencyRef to) {
        PrivacyChain.LegResult r = CHAIN.leg(message, event, from, to);
        assertThat(r.decision().releases()).as(r.decision().toString()).isTrue();
        return r.released().orElseThrow();
    }

    private static void consent(NhsNumber nhs, AgencyRef to) {
        CHAIN.consents.record(new ConsentRecord(nhs, ConsentRecord.Kind.CONSENT, Purpose.REFERRAL,
                RecipientScope.agency(to.id()), Instant.parse("2026-01-01T00:00:00Z"), Optional.empty(),
                ConsentRecord.Status.ACTIVE, ShippedChain.recorderFor(to), "fidelity-" + nhs.value() + "-" + to.id(),
                Instant.parse("2026-01-01T00:00:00Z")));
    }

    private static String referralJson(TestPeople.Person p, Random random) throws Exception {
        Map<String, Object> person = new LinkedHashMap<>();
        person.put("nhsNumber", p.nhsNumber().value());
        person.put("givenName", p.givenName());
        person.put("familyName", p.familyName());
        person.put("birthDate", p.birthDate().toString());
        person.put("gender", p.gender().toCode());
        person.put("phone", p.phone());
        person.put("address", Map.of("lines", p.addressLines(), "city", p.city(), "postcode", p.postcode()));
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("to", CARERS.id());
        r.put("service", List.of("befriending", "carers-support", "home-from-hospital").get(random.nextInt(3)));
        r.put("needs", random.ints(random.nextInt(3), 0, 5).mapToObj(i -> "need-" + i).distinct()
                .collect(Collectors.toList()));
        r.put("priority", List.of("routine", "urgent", "asap", "stat").get(random.nextInt(4)));
        r.put("notes", "Note " + random.nextInt(10_000) + " about support");
        r.put("person", person);
        return JSON.writeValueAsString(r);
    }
}
