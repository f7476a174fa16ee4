package org.seamless.hub.consent;

import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.adapters.spi.AgencyAuthenticator;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/consents/receipts/{receiptId}}: what became of a consent submission (ADR 0040).
 * The receipt id is the {@code receiptId} (= {@code messageId}) of the 202 answer; status {@code pending},
 * {@code applied} or {@code refused} with {@code reason.code} and {@code reason.detail}. Only the
 * submitting agency can read it; any other id is 404 {@code unknown-consent-receipt}.
 */
@RestController
public class ConsentReceiptApi {
    private final AgencyAuthenticator authenticator;
    private final ConsentReceipts receipts;

    public ConsentReceiptApi(AgencyAuthenticator authenticator, ConsentReceipts receipts) {
        this.authenticator = authenticator;
        this.receipts = receipts;
    }

    @GetMapping("/api/v1/consents/receipts/{receiptId}")
    public ResponseEntity<?> read(HttpServletRequest req, @PathVariable("receiptId") String receiptId) {
        Optional<AgencyConfig> source = org.seamless.app.security.web.Callers.agency();
        if (source.isEmpty()) {
            return ConsentProblems.unauthenticated();
        }
        Optional<ConsentReceipts.Receipt> found = receipts.find(receiptId, source.get().id());
        if (found.isEmpty()) {
            return ConsentProblems.of(new ConsentApiException(ConsentProblemType.UNKNOWN_RECEIPT, "unknown-consent-receipt",
                    "no consent submission of yours has this receipt id"), req.getRequestURI());
        }
        ConsentReceipts.Receipt r = found.get();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("receiptId", r.receiptId());
        out.put("status", r.status());
        if (r.reasonCode() != null) {
            Map<String, Object> reason = new LinkedHashMap<>();
            reason.put("code", r.reasonCode());
            if (r.reason() != null) {
                reason.put("detail", r.reason());
            }
            out.put("reason", reason);
        }
        out.put("submittedAt", r.createdAt().toString());
        out.put("updatedAt", r.updatedAt().toString());
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(out);
    }
}
