package org.seamless.adapters.spi;

import jakarta.servlet.http.HttpServletRequest;
import org.seamless.adapters.registry.AgencyConfig;

/**
 * One way an HTTP caller can prove which agency it is: a client certificate, an OAuth2 access
 * token, an API key. {@link AgencyAuthenticator} asks every check; each says whether its kind of
 * credential was presented and, if so, whether it holds.
 */
public interface CredentialCheck {

    /** The credential kind, for logs: {@code client-certificate}, {@code bearer-token}, {@code api-key}. */
    String method();

    Result check(HttpServletRequest request);

    /** What a check found. Reasons are fixed codes, never values from the request. */
    sealed interface Result permits NotPresented, Valid, Invalid {
    }

    /** This kind of credential is absent from the request. */
    record NotPresented() implements Result {
    }

    /** The credential holds and belongs to this agency. */
    record Valid(AgencyConfig agency) implements Result {
    }

    /** The credential was presented and does not hold; {@code reason} is a fixed code for the log. */
    record Invalid(String reason) implements Result {
    }

    Result NOT_PRESENTED = new NotPresented();
}
