package org.seamless.console;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;

/** The console's sign-in and refusal pages and the dashboard (ADR 0051). */
@Controller
public class ConsoleController {

    @GetMapping(ConsoleSecurityConfiguration.LOGIN)
    public String login() {
        return "console/login";
    }

    /** A refused request (a role that does not allow it, a missing or wrong CSRF token): 403. */
    @RequestMapping(ConsoleSecurityConfiguration.DENIED)
    public String denied(HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        return "console/denied";
    }

    @GetMapping("/console")
    @PreAuthorize("hasAnyRole('OPERATOR', 'IG_LEAD', 'AUDITOR')")
    public String dashboard() {
        return "console/dashboard";
    }
}
