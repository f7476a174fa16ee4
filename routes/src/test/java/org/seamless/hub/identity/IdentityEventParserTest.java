package org.seamless.hub.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.seamless.mappings.alert.AlertMessages;
import org.seamless.mappings.alert.AlertType;
import org.seamless.mappings.alert.SocialCareAlert;
import org.seamless.mappings.canonical.NhsNumber;
import org.seamless.mappings.canonical.SeamlessEvent;
import org.seamless.mappings.message.MessageBundles;
import org.seamless.mappings.testdata.TestNhsNumbers;
import org.seamless.testsupport.mns.MnsSignal;

/** The MNS signals the subscriber reads (ADR 0084), its specific refusals, and the renumbering of a kept message. */
class IdentityEventParserTest {
    private static final Instant T = Instant.parse("2026-12-06T09:00:00Z");
    private static final List<NhsNumber> N = TestNhsNumbers.distinct(8410, 2);

    @Test
    void readsEachKindFromItsSignal() {
        IdentityEvent change = parse(MnsSignal.numberChange(N.get(0), N.get(1), T));
        assertThat(change.kind()).isEqualTo(IdentityEvent.Kind.NHS_NUMBER_CHANGE);
        assertThat(change.subject()).isEqualTo(N.get(0));
        assertThat(change.replacedBy()).contains(N.get(1));
        assertThat(change.time()).isEqualTo(T);
        IdentityEvent death = parse(MnsSignal.death(N.get(0), LocalDate.of(2026, 12, 5), T));
        assertThat(death.kind()).isEqualTo(IdentityEvent.Kind.DEATH);
        assertThat(death.dateOfDeath()).contains(LocalDate.of(2026, 12, 5));
        IdentityEvent moved = parse(MnsSignal.addressChange(N.get(0), "ls6 1aa", T));
        assertThat(moved.kind()).isEqualTo(IdentityEvent.Kind.ADDRESS_CHANGE);
        assertThat(moved.postcode()).contains("LS61AA");
        assertThat(moved.toString()).doesNotContain(N.get(0).value());
    }

    @Test
    void aVersionOneSignalWithTheSubjectAsAnObjectIsRead() {
        String v1 = "{\"id\":\"1dd1f17a-599d-40b8-9ee9-2c92756e2bc9\",\"type\":\"pds-death-notification-1\",\"time\":"
                + "\"2022-04-05T17:31:00.000Z\",\"subject\":{\"nhsNumber\":\"" + N.get(0).value() + "\",\"familyName\":"
                + "\"X\",\"dob\":\"2017-10-02\"},\"data\":{}}";
        IdentityEvent e = IdentityEventParser.parse(v1.getBytes(StandardCharsets.UTF_8));
        assertThat(e.subject()).isEqualTo(N.get(0));
        assertThat(e.dateOfDeath()).isEmpty();
    }

    @Test
    void eachRefusalHasItsOwnCodeAndQuotesNoValue() {
        MnsSignal death = MnsSignal.death(N.get(0), LocalDate.of(2026, 12, 5), T);
        refused("not json".getBytes(StandardCharsets.UTF_8), IdentityEventParser.MALFORMED);
        refused(death.withType("pds-change-of-gp-1"), IdentityEventParser.UNKNOWN_TYPE);
        refused(death.withType("nhs-number-change"), IdentityEventParser.UNKNOWN_TYPE);
        refused(MnsSignal.numberChange(N.get(0), N.get(1), T).withData(Map.of()), IdentityEventParser.MISSING_DETAIL);
        refused(MnsSignal.numberChange(N.get(0), N.get(0), T), IdentityEventParser.MISSING_DETAIL);
        refused(MnsSignal.numberChange(N.get(0), N.get(1), T).withData(Map.of("replacedBy", "9990000019")),
                IdentityEventParser.INVALID_NHS_NUMBER);
        refused(MnsSignal.addressChange(N.get(0), "not a postcode", T), IdentityEventParser.MISSING_DETAIL);
        refused(new MnsSignal("id-1", "pds-death-notification-2", T, "9990000019", Map.of()),
                IdentityEventParser.INVALID_NHS_NUMBER);
        refused(death.withData(Map.of("deathDate", "yesterday")), IdentityEventParser.MALFORMED);
    }

    @Test
    void renumberingAKeptAlertMessageReplacesEveryNhsNumberIdentifier() {
        SocialCareAlert a = new SocialCareAlert("la-1", "TST02", "Test Council", "A1", N.get(0), AlertType.CARER,
                LocalDate.of(2026, 1, 1), null, null, false, null, null);
        var message = AlertMessages.message(a, SeamlessEvent.ALERT_START, "alert-A1", T, LocalDate.of(2026, 12, 6));
        assertThat(MessageBundles.toJson(message)).contains(N.get(0).value());
        SubjectRekeying.renumber(message, N.get(0), N.get(1));
        assertThat(MessageBundles.toJson(message)).contains(N.get(1).value()).doesNotContain(N.get(0).value());
    }

    private static IdentityEvent parse(MnsSignal s) {
        return IdentityEventParser.parse(s.toJson().getBytes(StandardCharsets.UTF_8));
    }

    private static void refused(MnsSignal s, String code) {
        refused(s.toJson().getBytes(StandardCharsets.UTF_8), code);
    }

    private static void refused(byte[] body, String code) {
        assertThatThrownBy(() -> IdentityEventParser.parse(body)).isInstanceOf(IdentityEventException.class)
                .satisfies(e -> {
                    assertThat(((IdentityEventException) e).code()).isEqualTo(code);
                    for (NhsNumber n : N) {
                        assertThat(e.getMessage()).doesNotContain(n.value());
                    }
                });
    }
}
