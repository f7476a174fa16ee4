package org.seamless.ops.console.ig;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.seamless.mappings.canonical.NhsNumber;
import org.seamless.app.security.web.Callers;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code /console/ig}: the IG page (ADR 0053). Everyone on it (IG lead, auditor) sees the ledger's
 * verification status and latest signed checkpoint; only an IG lead may search a person, by NHS number in
 * a POST body (never a URL), for the disclosure report (on screen, printable, or as a PDF whose file name
 * names no one) or the consent history. Each search is recorded with the person searching, without the
 * number. Pages that show a person's data are not cached.
 */
@Controller
public class IgConsoleController {
    public static final String PATH = "/console/ig";
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneId.of("Europe/London"));

    private final IgConsole ig;
    private final DisclosurePdf pdf = new DisclosurePdf();

    public IgConsoleController(IgConsole ig) {
        this.ig = ig;
    }

    /** The zone the pages show times in (the templates have no access to static fields). */
    @org.springframework.web.bind.annotation.ModelAttribute("zone")
    public java.time.ZoneId zone() {
        return org.seamless.ops.console.messages.SearchCriteria.ZONE;
    }

    @GetMapping(PATH)
    @PreAuthorize("hasAnyRole('IG_LEAD', 'AUDITOR')")
    public String page(Model model) {
        return page(model, "", null, null);
    }

    @PostMapping(PATH + "/verify")
    @PreAuthorize("hasAnyRole('IG_LEAD', 'AUDITOR')")
    public String verify(Model model) {
        ig.verifyNow();
        model.addAttribute("verifiedNow", true);
        return page(model, "", null, null);
    }

    @PostMapping(PATH + "/disclosures")
    @PreAuthorize("hasRole('IG_LEAD')")
    public String disclosures(@RequestParam(name = "nhsNumber", required = false) String nhsNumber, Model model,
                              HttpServletResponse response) {
        noStore(response);
        Optional<String> problem = IgConsole.problem(nhsNumber);
        if (problem.isPresent()) {
            ig.disclosures(nhsNumber, IgConsole.REPORT_ACTION); // why: a refused search is recorded too
            return page(model, "disclosures", problem.get(), nhsNumber);
        }
        IgConsole.Report report = ig.disclosures(nhsNumber, IgConsole.REPORT_ACTION).orElseThrow();
        model.addAttribute("report", report);
        model.addAttribute("nhsNumber", NhsNumber.parse(nhsNumber).formatted());
        model.addAttribute("madeBy", Callers.requirePerson().name());
        return "console/ig-report";
    }

    @PostMapping(PATH + "/disclosures/pdf")
    @PreAuthorize("hasRole('IG_LEAD')")
    public Object disclosuresPdf(@RequestParam(name = "nhsNumber", required = false) String nhsNumber, Model model,
                                 HttpServletResponse response) {
        noStore(response);
        Optional<String> problem = IgConsole.problem(nhsNumber);
        if (problem.isPresent()) {
            ig.disclosures(nhsNumber, IgConsole.PDF_ACTION);
            return page(model, "disclosures", problem.get(), nhsNumber);
        }
        IgConsole.Report report = ig.disclosures(nhsNumber, IgConsole.PDF_ACTION).orElseThrow();
        byte[] body = pdf.render(NhsNumber.parse(nhsNumber).formatted(), Callers.requirePerson().name(), report);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .cacheControl(CacheControl.noStore())
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("disclosure-report-" + FILE_TIME.format(report.generatedAt()) + ".pdf").build().toString())
                .body(body);
    }

    @PostMapping(PATH + "/consents")
    @PreAuthorize("hasRole('IG_LEAD')")
    public String consents(@RequestParam(name = "nhsNumber", required = false) String nhsNumber, Model model,
                           HttpServletResponse response) {
        noStore(response);
        Optional<String> problem = IgConsole.problem(nhsNumber);
        if (problem.isPresent()) {
            ig.consentHistory(nhsNumber);
            return page(model, "consents", problem.get(), nhsNumber);
        }
        model.addAttribute("history", ig.consentHistory(nhsNumber).orElseThrow());
        model.addAttribute("nhsNumber", NhsNumber.parse(nhsNumber).formatted());
        return "console/ig-consents";
    }

    private String page(Model model, String form, String problem, String typed) {
        model.addAttribute("status", ig.ledgerStatus());
        model.addAttribute("maySearch", Callers.person().map(p -> p.role().name().equals("IG_LEAD")).orElse(false));
        model.addAttribute("problemForm", form);
        model.addAttribute("problem", problem);
        // why: what was typed goes back into the field so it can be corrected; it is in the body, not the URL
        model.addAttribute("typed", typed == null ? "" : typed);
        return "console/ig";
    }

    private static void noStore(HttpServletResponse response) {
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
    }
}
