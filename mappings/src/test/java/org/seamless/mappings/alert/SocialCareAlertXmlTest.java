package org.seamless.mappings.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.seamless.mappings.itk.ItkEnvelope;
import org.seamless.mappings.itk.ItkEnvelopeReader;
import org.seamless.mappings.itk.ItkEnvelopeXml;
import org.seamless.mappings.testdata.TestNhsNumbers;

class SocialCareAlertXmlTest {
    private static final SocialCareAlertXml.Owner OWNER = new SocialCareAlertXml.Owner("demo-la-soap", "TST03", "Demo LA");
    private static final String NHS = TestNhsNumbers.randomDigits(new Random(26));

    private static String payload(String alertId, String nhs, String type, String start, String end, String deleted,
                                  String phone) {
        StringBuilder b = new StringBuilder("<SocialCareAlert xmlns=\"" + SocialCareAlertXml.NAMESPACE + "\">");
        el(b, "alertId", alertId);
        el(b, "nhsNumber", nhs);
        el(b, "type", type);
        el(b, "start", start);
        el(b, "end", end);
        el(b, "review", "2027-01-31");
        el(b, "deleted", deleted);
        el(b, "teamName", "Children's Services North");
        el(b, "teamPhone", phone);
        return b.append("</SocialCareAlert>").toString();
    }

    private static void el(StringBuilder b, String name, String value) {
        if (value != null) {
            b.append('<').append(name).append('>').append(value).append("</").append(name).append('>');
        }
    }

    private static String good() {
        return payload("CP-1001", NHS, "child-protection-plan", "2026-01-05", null, "false", "0113 000 0000");
    }

    @Test
    void aGoodPayloadBecomesTheAlertOwnedByTheCaller() {
        SocialCareAlert a = SocialCareAlertXml.read(good(), OWNER);
        assertThat(a.laAgencyId()).isEqualTo("demo-la-soap");
        assertThat(a.laOdsCode()).isEqualTo("TST03");
        assertThat(a.alertId()).isEqualTo("CP-1001");
        assertThat(a.nhsNumber().value()).isEqualTo(NHS);
        assertThat(a.type()).isEqualTo(AlertType.CHILD_PROTECTION_PLAN);
        assertThat(a.start()).isEqualTo(LocalDate.of(2026, 1, 5));
        assertThat(a.end()).isNull();
        assertThat(a.review()).isEqualTo(LocalDate.of(2027, 1, 31));
        assertThat(a.deleted()).isFalse();
        assertThat(a.teamName()).isEqualTo("Children's Services North");
        assertThat(a.teamPhone()).isEqualTo("0113 000 0000");
    }

    @Test
    void theEnvelopeRoundTripsAndTheDigestIgnoresFormatting() {
        SocialCareAlert a = SocialCareAlertXml.read(good(), OWNER);
        ItkEnvelope env = SocialCareAlertXml.envelope(a, "urn:nhs-uk:addressing:ods:TST03");
        ItkEnvelope back = ItkEnvelopeReader.read(ItkEnvelopeXml.write(env));
        assertThat(SocialCareAlertXml.read(back, OWNER)).isEqualTo(a);
        SocialCareAlert spaced = SocialCareAlertXml.read(good().replace("<type>", "\n  <type> ")
                .replace("</type>", " </type>\n"), OWNER);
        assertThat(SocialCareAlertXml.contentDigest(spaced)).isEqualTo(SocialCareAlertXml.contentDigest(a));
        SocialCareAlert ended = SocialCareAlertXml.read(payload("CP-1001", NHS, "child-protection-plan", "2026-01-05",
                "2026-03-01", "false", null), OWNER);
        assertThat(SocialCareAlertXml.contentDigest(ended)).isNotEqualTo(SocialCareAlertXml.contentDigest(a));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
            "alertId;invalid-alert-id;bad id!;;;;;;",
            "alertId;missing-value;;;;;;;",
            "nhsNumber;invalid-nhs-number;;9990000019;;;;;",
            "nhsNumber;invalid-nhs-number;;12345;;;;;",
            "type;unknown-alert-type;;;martian;;;;",
            "start;invalid-date;;;;05/01/2026;;;",
            "end;invalid-date;;;;;2026-13-01;;",
            "end;end-before-start;;;;;2025-12-31;;",
            "deleted;invalid-flag;;;;;;maybe;",
            "teamPhone;invalid-phone;;;;;;;call me",
    })
    void eachBadFieldIsNamedWithoutItsValue(String field, String code, String alertId, String nhs, String type,
                                            String start, String end, String deleted, String phone) {
        String xml = payload(alertId == null ? (code.equals("missing-value") ? null : "CP-1") : alertId,
                nhs == null ? NHS : nhs, type == null ? "looked-after-child" : type,
                start == null ? "2026-01-05" : start, end, deleted == null ? "false" : deleted,
                phone == null ? "0113 000 0000" : phone);
        String bad = alertId != null ? alertId : nhs != null ? nhs : type != null ? type : start != null ? start
                : end != null ? end : deleted != null ? deleted : phone;
        assertThatThrownBy(() -> SocialCareAlertXml.read(xml, OWNER)).isInstanceOfSatisfying(AlertPayloadException.class,
                e -> {
                    assertThat(e.code()).isEqualTo(code);
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.getMessage()).contains(field);
                    if (bad != null) {
                        assertThat(e.getMessage()).doesNotContain(bad);
                    }
                });
    }

    @Test
    void aTooLongTeamNameARepeatedOrUnknownElementAndAWrongRootAreRefused() {
        String longTeam = good().replace("Children's Services North", "x".repeat(121));
        assertThatThrownBy(() -> SocialCareAlertXml.read(longTeam, OWNER))
                .isInstanceOfSatisfying(AlertPayloadException.class, e -> assertThat(e.field()).isEqualTo("teamName"));
        String repeated = good().replace("<type>", "<type>carer</type><type>");
        assertThatThrownBy(() -> SocialCareAlertXml.read(repeated, OWNER))
                .isInstanceOfSatisfying(AlertPayloadException.class, e -> assertThat(e.code()).isEqualTo("repeated-element"));
        String unknown = good().replace("<type>", "<laId>other-la</laId><type>");
        assertThatThrownBy(() -> SocialCareAlertXml.read(unknown, OWNER))
                .isInstanceOfSatisfying(AlertPayloadException.class, e -> assertThat(e.code()).isEqualTo("bad-payload"));
        String otherNs = good().replace(SocialCareAlertXml.NAMESPACE, "urn:other");
        assertThatThrownBy(() -> SocialCareAlertXml.read(otherNs, OWNER))
                .isInstanceOfSatisfying(AlertPayloadException.class, e -> assertThat(e.field()).isEqualTo("payload"));
    }

    @Test
    void aDoctypeOrExternalEntityIsRefusedBeforeAnythingIsRead() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE SocialCareAlert [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + good().replace("CP-1001", "&x;");
        assertThatThrownBy(() -> SocialCareAlertXml.read(xxe, OWNER)).isInstanceOfSatisfying(AlertPayloadException.class,
                e -> {
                    assertThat(e.code()).isEqualTo("bad-payload");
                    assertThat(e.getMessage()).contains("DOCTYPE").doesNotContain("passwd");
                });
        String billion = "<!DOCTYPE a [<!ENTITY a \"aaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]>" + good().replace("CP-1001", "&b;");
        assertThatThrownBy(() -> SocialCareAlertXml.read(billion, OWNER)).isInstanceOf(AlertPayloadException.class);
    }

    @Test
    void theEnvelopeMustNameTheAlertService() {
        SocialCareAlert a = SocialCareAlertXml.read(good(), OWNER);
        ItkEnvelope env = SocialCareAlertXml.envelope(a, "urn:x");
        ItkEnvelope wrong = new ItkEnvelope(env.trackingId(), "urn:seamless:itk:services:notice-response-v1",
                env.senderAddress(), env.recipientAddresses(), null, env.handling(), env.payloads());
        assertThatThrownBy(() -> SocialCareAlertXml.read(wrong, OWNER))
                .isInstanceOfSatisfying(AlertPayloadException.class, e -> assertThat(e.code()).isEqualTo("wrong-service"));
    }
}
