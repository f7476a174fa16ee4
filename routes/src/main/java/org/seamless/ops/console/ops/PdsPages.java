package org.seamless.ops.console.ops;

import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.seamless.ops.pds.PdsReports;
import org.seamless.ops.pds.PdsWorkQueue;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * PDS tracing (issue 20, ADR 0079, 0085): {@code /console/pds} shows each agency's match rates and the work queue
 * of held rows (agency, file, line, reason, when; never a value of the row), and the rows resolved lately; an
 * operator marks a held row resolved with a note ({@code POST /console/pds/resolve}).
 */
@Controller
public class PdsPages {
    /** Resolved rows shown under the open queue. */
    static final int RESOLVED_SHOWN = 50;
    private final PdsReports reports;
    private final PdsWorkQueue queue;

    public PdsPages(PdsReports reports, PdsWorkQueue queue) {
        this.reports = reports;
        this.queue = queue;
    }

    @GetMapping("/console/pds")
    @PreAuthorize(ConsoleRoles.VIEW)
    public String page(Model model) {
        return render(model);
    }

    @PostMapping("/console/pds/resolve")
    @PreAuthorize(ConsoleRoles.ACT)
    public String resolve(@RequestParam(name = "agencyId", required = false) String agencyId,
                          @RequestParam(name = "fileDigest", required = false) String fileDigest,
                          @RequestParam(name = "line", required = false) Long line,
                          @RequestParam(name = "note", required = false) String note, Model model,
                          RedirectAttributes redirect, HttpServletResponse response) {
        try {
            queue.resolve(agencyId, fileDigest, line, note);
        } catch (PdsWorkQueue.Refused e) {
            response.setStatus(switch (e.kind()) {
                case INVALID -> HttpServletResponse.SC_BAD_REQUEST;
                case NOT_HELD -> HttpServletResponse.SC_NOT_FOUND;
                case ALREADY_RESOLVED -> HttpServletResponse.SC_CONFLICT;
            });
            model.addAttribute("error", e.getMessage());
            model.addAttribute("errorRow", rowId(agencyId, fileDigest, line));
            model.addAttribute("note", note == null ? "" : note);
            return render(model);
        }
        redirect.addFlashAttribute("done", "Line " + line + " of " + agencyId + "'s extract is resolved and has left"
                + " the work queue");
        return "redirect:/console/pds";
    }

    /** The id of a held row's form elements: agency, the digest's first 12 characters and the line. */
    public static String rowId(String agencyId, String fileDigest, Long line) {
        String digest = fileDigest == null ? "" : fileDigest.substring(0, Math.min(12, fileDigest.length()));
        return ("held-" + agencyId + "-" + digest + "-" + line).replaceAll("[^A-Za-z0-9_-]", "_");
    }

    /** A held row as the page shows it: the row, its form elements' id, and its times as instants. */
    public record Row(PdsReports.Held held, String id, Instant heldAt, Instant resolvedAt) {
        static Row of(PdsReports.Held h) {
            return new Row(h, rowId(h.agencyId(), h.fileDigest(), h.line()), Instant.parse(h.heldAt()),
                    h.resolvedAt() == null ? null : Instant.parse(h.resolvedAt()));
        }

        /** The reason in words. */
        public String reasonText() {
            return switch (held.reason()) {
                case "no-match" -> "No match in PDS";
                case "multiple-matches" -> "Several matches in PDS";
                case "number-not-in-pds" -> "NHS number not held by PDS";
                default -> held.reason();
            };
        }
    }

    private String render(Model model) {
        List<Map<String, Object>> rates = reports.matchRates(null);
        model.addAttribute("rates", rates);
        model.addAttribute("held", reports.held(null, false).stream().map(Row::of).toList());
        model.addAttribute("resolved", reports.held(null, true).stream().limit(RESOLVED_SHOWN).map(Row::of).toList());
        model.addAttribute("maxRows", 1000);
        model.addAttribute("canAct", ConsoleRoles.canAct());
        return "console/ops/pds";
    }
}
