package org.seamless.ops.console.ops;

import org.seamless.app.security.web.Callers;
import org.seamless.app.security.web.Person;

/** Who may do what on the operations pages (the controllers' {@code @PreAuthorize} is the enforcement). */
final class ConsoleRoles {
    /** Reading the operations pages. */
    static final String VIEW = "hasAnyRole('OPERATOR', 'AUDITOR')";
    /** Replays, quarantine opened or deleted, circuits opened or closed. */
    static final String ACT = "hasRole('OPERATOR')";

    private ConsoleRoles() {
    }

    /** Whether the page shows the controls (hidden for auditors; refused to them anyway). */
    static boolean canAct() {
        return Callers.person().map(p -> p.role() == Person.Role.OPERATOR).orElse(false);
    }
}
