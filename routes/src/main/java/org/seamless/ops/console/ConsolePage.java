package org.seamless.ops.console;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Optional;
import org.seamless.app.security.web.Callers;
import org.seamless.app.security.web.Person;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What every console page's layout ({@code templates/console/layout.html}) needs, added to the model of
 * every controller in {@code org.seamless.ops.console} (and its sub-packages):
 * {@code consolePerson} (the signed-in {@link Person}, or absent on the sign-in page),
 * {@code consoleServiceName}, {@code consoleNav} (the header's links, the current one marked) and
 * {@code consoleHxHeaders} (the CSRF header htmx sends with every request).
 */
@ControllerAdvice(basePackages = "org.seamless.ops.console")
public class ConsolePage {
    /** The header's links, in order. A page under a link's path marks that link current. */
    public static final List<Link> NAV = List.of(
            new Link("/console", "Dashboard"),
            new Link("/console/messages", "Messages"),
            new Link("/console/dead-letters", "Dead letters"),
            new Link("/console/circuits", "Circuits"),
            new Link("/console/quarantine", "Quarantine"),
            new Link("/console/agencies", "Agencies"),
            new Link("/console/pds", "PDS tracing"),
            new Link("/console/ig", "IG"));

    private final ConsoleProperties props;

    public ConsolePage(ConsoleProperties props) {
        this.props = props;
    }

    /** A header link. */
    public record Link(String href, String label) {
    }

    /** A header link as shown on one page. */
    public record NavItem(String href, String label, boolean current) {
        /** The list item's classes (here, not in the template: Thymeleaf reads a double underscore as an expression). */
        public String itemClass() {
            return current ? "nhsuk-header__navigation-item nhsuk-header__navigation-item--current"
                    : "nhsuk-header__navigation-item";
        }
    }

    @ModelAttribute("consolePerson")
    public Person person() {
        return Callers.person().orElse(null);
    }

    @ModelAttribute("consoleServiceName")
    public String serviceName() {
        return props.serviceName();
    }

    @ModelAttribute("consoleNav")
    public List<NavItem> nav(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        Link current = NAV.stream().filter(l -> !l.href().equals("/console"))
                .filter(l -> path.equals(l.href()) || path.startsWith(l.href() + "/")).findFirst()
                .orElse(path.equals("/console") || path.equals("/console/") ? NAV.get(0) : null);
        return NAV.stream().map(l -> new NavItem(l.href(), l.label(), l == current)).toList();
    }

    /**
     * {@code {"X-CSRF-TOKEN": "..."}} for the body's {@code hx-headers}; empty where no token exists or no one
     * is signed in (so that a refusal page shown to a stranger makes no session, and sets no cookie).
     */
    @ModelAttribute("consoleHxHeaders")
    public String hxHeaders(HttpServletRequest request) {
        if (Callers.person().isEmpty()) {
            return "{}";
        }
        return Optional.ofNullable((CsrfToken) request.getAttribute(CsrfToken.class.getName()))
                .map(t -> "{\"" + t.getHeaderName() + "\": \"" + t.getToken() + "\"}").orElse("{}");
    }
}
