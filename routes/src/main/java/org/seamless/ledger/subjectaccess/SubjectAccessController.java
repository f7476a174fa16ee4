package org.seamless.ledger.subjectaccess;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.seamless.ledger.DisclosureReportController;
import org.seamless.mappings.canonical.Digests;
import org.seamless.mappings.canonical.NhsNumber;
import org.seamless.ops.OperatorProblemType;
import org.seamless.ops.OperatorProblems;
import org.seamless.app.security.web.Callers;
import org.seamless.app.security.web.OperatorActions;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/ig/subject-access} with {@code {"nhsNumber": "..."}} (in the body, out of access
 * logs): everything Seamless holds about the person (UK GDPR Art. 15, ADR 0070), as a FHIR Bundle
 * ({@code ?format=fhir}, the default) or a readable PDF ({@code ?format=pdf}). Only an IG lead (the
 * security chain admits the IG_LEAD role alone). Each export is itself a ledger entry (SUBJECT_ACCESS,
 * with the digest of the Bundle) and an operations-audit row with the IG lead's account, without the number.
 */
@RestController
public class SubjectAccessController {
    public static final String PATH = "/api/ig/subject-access";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SubjectAccessCollector collector;
    private final SubjectAccessRecorder recorder;
    private final OperatorActions actions;

    public SubjectAccessController(SubjectAccessCollector collector, SubjectAccessRecorder recorder,
                                   OperatorActions actions) {
        this.collector = collector;
        this.recorder = recorder;
        this.actions = actions;
    }

    @PostMapping(path = PATH, consumes = MediaType.ALL_VALUE)
    public ResponseEntity<?> export(@RequestParam(name = "format", defaultValue = "fhir") String format,
                                    HttpServletRequest request) throws IOException {
        String body = DisclosureReportController.boundedBody(request);
        if (body == null) {
            return OperatorProblems.of(OperatorProblemType.PAYLOAD_TOO_LARGE, "the body exceeds the limit of "
                    + DisclosureReportController.MAX_BODY + " bytes");
        }
        if (!"fhir".equals(format) && !"pdf".equals(format)) {
            actions.record("subject-access", null, "bad-request");
            return OperatorProblems.of(OperatorProblemType.INVALID_REQUEST, "format must be fhir or pdf");
        }
        Optional<NhsNumber> nhs = nhsNumberFrom(body);
        if (nhs.isEmpty()) {
            actions.record("subject-access", null, "bad-request");
            return OperatorProblems.of(OperatorProblemType.INVALID_REQUEST,
                    "the body must be {\"nhsNumber\": \"<a valid NHS number>\"}");
        }
        SubjectAccessData data = collector.collect(nhs.get());
        String fhir = SubjectAccessBundle.json(data);
        // why: the export is on record before the IG lead has it, with the digest of what was handed over
        recorder.exported(data, format, Digests.sha256Hex(fhir));
        actions.record("subject-access", data.exportId(), "exported-" + format);
        if ("pdf".equals(format)) {
            byte[] pdf = new SubjectAccessPdf().render(data, Callers.requirePerson().name());
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                    .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"subject-access-" + data.exportId()
                            + ".pdf\"").body(pdf);
        }
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/fhir+json"))
                .body(fhir.getBytes(StandardCharsets.UTF_8));
    }

    private static Optional<NhsNumber> nhsNumberFrom(String body) {
        try {
            JsonNode node = body.isBlank() ? null : JSON.readTree(body);
            return node != null && node.path("nhsNumber").isTextual() ? NhsNumber.tryParse(node.get("nhsNumber").asText())
                    : Optional.empty();
        } catch (Exception e) {
            return Optional.empty(); // why: a parse error message could quote the body
        }
    }
}
