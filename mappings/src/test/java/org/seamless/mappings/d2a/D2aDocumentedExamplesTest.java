package org.seamless.mappings.d2a;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.validation.ResultSeverityEnum;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.Test;
import org.seamless.mappings.canonical.SeamlessEvent;
import org.seamless.mappings.csv.FormulaPolicy;
import org.seamless.mappings.message.MessageBundles;
import org.seamless.mappings.validation.UkCoreValidation;

/**
 * The examples of docs/flows/discharge-to-assess.md ({@code docs/examples/d2a/}) are exactly what the
 * mappings build for the test stay, parse back and validate against UK Core. Regenerate them after a
 * deliberate change with {@code -Dd2a.writeExamples=true}.
 */
class D2aDocumentedExamplesTest {
    private static final Path DIR = Path.of("..", "docs", "examples", "d2a");

    static Map<String, String> examples() {
        List<D2aStay> seq = TestD2a.sequence(2026, D2aCodes.Pathway.P1, "9990000018", "DEMO1", "LS1 4AP");
        Map<String, String> out = new LinkedHashMap<>();
        out.put("d2a-admission.json", D2aMessages.buildJson(seq.get(0)));
        out.put("d2a-referral.json", D2aMessages.buildJson(seq.get(1)));
        out.put("d2a-delay.json", D2aMessages.buildJson(seq.stream()
                .filter(s -> s.event() == SeamlessEvent.D2A_DELAY).findFirst().orElseThrow()));
        out.put("d2a-discharged.json", D2aMessages.buildJson(seq.get(seq.size() - 1)));
        out.put("d2a-care-in-place.json", D2aMessages.buildJson(TestD2a.answer(SeamlessEvent.D2A_CARE_IN_PLACE,
                seq.get(0), "demo-la-csv", 2026)));
        out.put("d2a-care-arranged.json", D2aMessages.buildJson(TestD2a.answer(SeamlessEvent.D2A_CARE_ARRANGED,
                seq.get(1), "demo-la-csv", 2026)));
        // home care suspend and resume (ADR 0063, 0064): the FHIR message, and the provider's JSON form
        HomeCarePackage pkg = new HomeCarePackage("demo-la-csv", "PKG-2026", "demo-homecare");
        HomeCareNotice suspend = HomeCareNotice.suspend(seq.get(0), pkg);
        HomeCareNotice resume = HomeCareNotice.resume(seq.get(seq.size() - 1), pkg);
        out.put("home-care-suspend.json", HomeCareMessages.buildJson(suspend));
        out.put("home-care-resume.json", HomeCareMessages.buildJson(resume));
        out.put("home-care-suspend-provider.json", org.seamless.mappings.vcs.VcsViews.view(HomeCareMessages.build(suspend))
                .orElseThrow().toPrettyString() + "\n");
        out.put("home-care-resume-provider.json", org.seamless.mappings.vcs.VcsViews.view(HomeCareMessages.build(resume))
                .orElseThrow().toPrettyString() + "\n");
        out.put("d2a-referral.csv", new D2aCsv(FormulaPolicy.NEUTRALISE).file(D2aMessages.build(seq.get(1)), 0));
        out.put("d2a-answers-example.csv", "answer_to,event,nhs_number,answered_at,outcome,confirmed_pathway,note,"
                + "package_id,package_type,provider_agency_id,provider_name,care_start_date\r\n"
                + seq.get(1).messageId() + ",acknowledgement,9990000018,2026-03-02T11:00:00Z,,,"
                + "Allocated to the hospital social work team,,,,,\r\n"
                + seq.get(1).messageId() + ",care-arranged,9990000018,2026-03-07T11:00:00Z,,,,PKG-2026,reablement,"
                + "demo-charity,Demo Reablement,2026-03-10\r\n");
        return out;
    }

    @Test
    void theDocumentedExamplesAreWhatTheMappingsBuild() throws Exception {
        Map<String, String> expected = examples();
        if (Boolean.getBoolean("d2a.writeExamples")) {
            Files.createDirectories(DIR);
            for (var e : expected.entrySet()) {
                Files.writeString(DIR.resolve(e.getKey()), e.getValue(), StandardCharsets.UTF_8);
            }
        }
        for (var e : expected.entrySet()) {
            assertThat(Files.readString(DIR.resolve(e.getKey()), StandardCharsets.UTF_8)).as(e.getKey())
                    .isEqualTo(e.getValue());
            if (e.getKey().endsWith(".json") && !e.getKey().endsWith("-provider.json")) {
                Bundle b = MessageBundles.parse(e.getValue());
                assertThat(UkCoreValidation.validate(b).getMessages()).as(e.getKey())
                        .noneMatch(m -> m.getSeverity() == ResultSeverityEnum.ERROR
                                || m.getSeverity() == ResultSeverityEnum.FATAL);
            }
        }
    }
}
