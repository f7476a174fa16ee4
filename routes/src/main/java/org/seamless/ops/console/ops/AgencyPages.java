package org.seamless.ops.console.ops;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** Agencies: the registry as configured, read only ({@code /console/agencies}, {@code /console/agencies/{id}}). */
@Controller
public class AgencyPages {
    private static final String ANY_PERSON = "hasAnyRole('OPERATOR', 'AUDITOR', 'IG_LEAD')";

    private final AgencyDirectory directory;

    public AgencyPages(AgencyDirectory directory) {
        this.directory = directory;
    }

    @GetMapping("/console/agencies")
    @PreAuthorize(ANY_PERSON)
    public String list(Model model) {
        model.addAttribute("agencies", directory.all());
        return "console/ops/agencies";
    }

    @GetMapping("/console/agencies/{agencyId}")
    @PreAuthorize(ANY_PERSON)
    public String agency(@PathVariable("agencyId") String agencyId, Model model, HttpServletResponse response) {
        return directory.find(agencyId).map(a -> {
            model.addAttribute("agency", a);
            return "console/ops/agency";
        }).orElseGet(() -> {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            model.addAttribute("what", "agency");
            return "console/ops/not-found";
        });
    }
}
