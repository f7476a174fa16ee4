package org.seamless.ops.console;

import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.seamless.ops.console.dashboard.Dashboard;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.ui.Model;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;

/** The console's sign-in and refusal pages and the dashboard (ADR 0051). */
@Controller
public class ConsoleController {
    private final Dashboard dashboard;
    private final Clock clock;
    private final ObjectProvider<ConsoleOidc.Login> oidc;

    public ConsoleController(Dashboard dashboard, Clock clock, ObjectProvider<ConsoleOidc.Login> oidc) {
        this.dashboard = dashboard;
        this.clock = clock;
        this.oidc = oidc;
    }

    /** The sign-in page: a password form, and the organisation's identity provider where one is configured. */
    @GetMapping(ConsoleSecurityConfiguration.LOGIN)
    public String login(Model model) {
        model.addAttribute("oidcLogin", oidc.getIfAvailable());
        return "console/login";
    }

    /** A refused request (a role that does not allow it, a missing or wrong CSRF token): 403. */
    @RequestMapping(ConsoleSecurityConfiguration.DENIED)
    public String denied(HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        return "console/denied";
    }

    /** Per agency and adapter: traffic, queues, dead letters, circuit, last delivery, certificates; red where a person is needed. */
    @GetMapping("/console")
    @PreAuthorize("hasAnyRole('OPERATOR', 'IG_LEAD', 'AUDITOR')")
    public String dashboard(Model model) {
        dashboardModel(model);
        return "console/dashboard";
    }

    /** The dashboard's table alone, for htmx to refresh in place. */
    @GetMapping("/console/dashboard/table")
    @PreAuthorize("hasAnyRole('OPERATOR', 'IG_LEAD', 'AUDITOR')")
    public String dashboardTable(Model model) {
        dashboardModel(model);
        return "console/dashboard :: agencies";
    }

    private void dashboardModel(Model model) {
        List<Dashboard.Row> rows = dashboard.rows();
        model.addAttribute("rows", rows);
        model.addAttribute("needingPerson", rows.stream().filter(Dashboard.Row::needsPerson).count());
        model.addAttribute("asOf", DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC)
                .format(clock.instant()));
    }
}
