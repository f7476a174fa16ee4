package org.seamless.ops.console.ops;

import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.seamless.ops.tracking.Quarantine;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Quarantine: {@code /console/quarantine} lists the newest items with reason and edge (operators and
 * auditors: metadata only); an operator opens one ({@code POST /console/quarantine/{id}/open}: the payload is
 * decrypted and the read recorded; a POST so that merely following a link decrypts nothing) and deletes one
 * with a required reason ({@code POST /console/quarantine/{id}/delete}).
 */
@Controller
public class QuarantinePages {
    /** The most payload text a page shows. */
    static final int MAX_SHOWN = 64 * 1024;

    private final QuarantineConsole console;

    public QuarantinePages(QuarantineConsole console) {
        this.console = console;
    }

    @GetMapping("/console/quarantine")
    @PreAuthorize(ConsoleRoles.VIEW)
    public String list(Model model) {
        model.addAttribute("items", console.recent());
        model.addAttribute("canAct", ConsoleRoles.canAct());
        return "console/ops/quarantine";
    }

    @PostMapping("/console/quarantine/{id}/open")
    @PreAuthorize(ConsoleRoles.ACT)
    public String open(@PathVariable("id") String id, Model model, HttpServletResponse response) {
        Optional<Quarantine.Item> item = console.open(id);
        if (item.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            model.addAttribute("what", "quarantined item");
            return "console/ops/not-found";
        }
        return itemPage(item.get(), model);
    }

    @PostMapping("/console/quarantine/{id}/delete")
    @PreAuthorize(ConsoleRoles.ACT)
    public String delete(@PathVariable("id") String id, @RequestParam(name = "reason", required = false) String reason,
                         Model model, RedirectAttributes redirect, HttpServletResponse response) {
        try {
            if (!console.delete(id, reason)) {
                response.setStatus(HttpServletResponse.SC_NOT_FOUND);
                model.addAttribute("what", "quarantined item");
                return "console/ops/not-found";
            }
        } catch (Reason.Invalid e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("error", e.getMessage());
            model.addAttribute("errorItem", id);
            model.addAttribute("reason", reason == null ? "" : reason);
            model.addAttribute("items", console.recent());
            model.addAttribute("canAct", true);
            return "console/ops/quarantine";
        }
        redirect.addFlashAttribute("done", "Quarantined item " + id + " was deleted");
        return "redirect:/console/quarantine";
    }

    private String itemPage(Quarantine.Item item, Model model) {
        model.addAttribute("item", item);
        String text = null;
        if (item.payload() != null && item.contentType() != null && (item.contentType().contains("json")
                || item.contentType().contains("xml") || item.contentType().startsWith("text/"))) {
            text = new String(item.payload(), 0, Math.min(item.payload().length, MAX_SHOWN), StandardCharsets.UTF_8);
        }
        model.addAttribute("payloadText", text);
        model.addAttribute("payloadBytes", item.payload() == null ? 0 : item.payload().length);
        return "console/ops/quarantine-item";
    }
}
