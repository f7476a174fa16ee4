package org.seamless.ops.console.ops;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Circuits: {@code /console/circuits} lists each sink's circuit; an operator opens or closes one by
 * hand ({@code POST /console/circuits/{agency}/open|close}) with a required reason.
 */
@Controller
public class CircuitPages {
    private final CircuitConsole console;

    public CircuitPages(CircuitConsole console) {
        this.console = console;
    }

    @GetMapping("/console/circuits")
    @PreAuthorize(ConsoleRoles.VIEW)
    public String list(Model model) {
        return page(model);
    }

    @PostMapping("/console/circuits/{agencyId}/open")
    @PreAuthorize(ConsoleRoles.ACT)
    public String open(@PathVariable("agencyId") String agencyId,
                       @RequestParam(name = "reason", required = false) String reason, Model model,
                       RedirectAttributes redirect, HttpServletResponse response) {
        return change(agencyId, reason, true, model, redirect, response);
    }

    @PostMapping("/console/circuits/{agencyId}/close")
    @PreAuthorize(ConsoleRoles.ACT)
    public String close(@PathVariable("agencyId") String agencyId,
                        @RequestParam(name = "reason", required = false) String reason, Model model,
                        RedirectAttributes redirect, HttpServletResponse response) {
        return change(agencyId, reason, false, model, redirect, response);
    }

    private String change(String agencyId, String reason, boolean open, Model model, RedirectAttributes redirect,
                          HttpServletResponse response) {
        try {
            if (open) {
                console.open(agencyId, reason);
            } else {
                console.close(agencyId, reason);
            }
        } catch (Reason.Invalid e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("error", e.getMessage());
            model.addAttribute("errorAgency", agencyId);
            model.addAttribute("reason", reason == null ? "" : reason);
            return page(model);
        }
        redirect.addFlashAttribute("done", "The circuit of " + agencyId + " is now " + (open ? "open (held open by hand)"
                : "closed"));
        return "redirect:/console/circuits";
    }

    private String page(Model model) {
        model.addAttribute("circuits", console.states().values());
        model.addAttribute("canAct", ConsoleRoles.canAct());
        return "console/ops/circuits";
    }
}
