package org.seamless.app.security.limits;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.Optional;
import org.seamless.adapters.lasoap.LaSoapAdapterType;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.adapters.spi.AgencyAuthenticator;
import org.seamless.adapters.spi.RejectedInputStore;
import org.seamless.app.security.web.People;
import org.seamless.app.security.web.Person;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Body limits before anything reads a body, on every HTTP and SOAP endpoint. Where an endpoint's
 * caller is known from headers alone and the endpoint would otherwise parse first (the ITK SOAP
 * edges, the IG and operator APIs) the caller is authenticated here, before a byte of the body is
 * read (401). A declared length over the family's limit is refused at once (413, nothing read);
 * a chunked body is read up to the limit and refused past it, so at most the limit is ever held.
 * Answers take the edge's own form. For an authenticated caller the first
 * {@value #EXCERPT_BYTES} bytes are kept in quarantine; nothing more is kept (ADR 0035).
 */
public final class BodyLimitFilter extends OncePerRequestFilter {
    static final int EXCERPT_BYTES = 64 * 1024;
    private static final Logger log = LoggerFactory.getLogger(BodyLimitFilter.class);

    private final BodyLimits limits;
    private final AgencyAuthenticator authenticator;
    private final People people;
    private final RejectedInputStore rejected;

    BodyLimitFilter(BodyLimits limits, AgencyAuthenticator authenticator, People people, RejectedInputStore rejected) {
        this.limits = limits;
        this.authenticator = authenticator;
        this.people = people;
        this.rejected = rejected;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest req, HttpServletResponse resp, FilterChain chain)
            throws ServletException, IOException {
        long declared = req.getContentLengthLong();
        boolean chunked = declared < 0 && req.getHeader("Transfer-Encoding") != null;
        if (declared <= 0 && !chunked) {
            chain.doFilter(req, resp);
            return;
        }
        String path = req.getRequestURI().substring(req.getContextPath().length());
        BodyLimits.Family family = limits.of(path);
        if (family.gate() == BodyLimits.Gate.SELF) {
            if (declared > family.maxBytes()) {
                refuse(req, resp, family, Optional.empty(), null);
            } else {
                chain.doFilter(req, resp); // why: the edge authenticates, then reads at most its limit
            }
            return;
        }
        Optional<String> caller = caller(req, family);
        if (family.gate() != BodyLimits.Gate.NONE && caller.isEmpty()) {
            EdgeAnswers.write(resp, family.form(), 401, "Authentication required before the body is read");
            return;
        }
        if (declared > family.maxBytes()) {
            byte[] excerpt = caller.isPresent() ? req.getInputStream().readNBytes(EXCERPT_BYTES) : null;
            refuse(req, resp, family, caller, excerpt);
            return;
        }
        if (!chunked) {
            chain.doFilter(req, resp); // why: the container never delivers more than the declared length
            return;
        }
        byte[] body = req.getInputStream().readNBytes((int) Math.min(family.maxBytes() + 1, Integer.MAX_VALUE - 16));
        if (body.length > family.maxBytes()) {
            refuse(req, resp, family, caller, caller.isPresent() ? Arrays.copyOf(body, EXCERPT_BYTES) : null);
            return;
        }
        chain.doFilter(new BufferedBodyRequest(req, body), resp);
    }

    /** The agency (or key role) the request authenticates as, checked from headers only. */
    private Optional<String> caller(HttpServletRequest req, BodyLimits.Family family) {
        return switch (family.gate()) {
            case SELF, NONE -> Optional.empty();
            case LA_SOAP -> authenticator.authenticate(req)
                    .filter(a -> LaSoapAdapterType.NAME.equals(a.adapter().type())).map(AgencyConfig::id);
            case IG_KEY -> person(req).filter(p -> p.role() == Person.Role.IG_LEAD).map(p -> "ig");
            case OPS_KEY -> person(req).filter(p -> p.role() != Person.Role.IG_LEAD).map(p -> "ops");
        };
    }

    private Optional<Person> person(HttpServletRequest req) {
        return people.fromHeaders(req.getHeader(AgencyAuthenticator.API_KEY_HEADER), req.getHeader("Authorization"));
    }

    private void refuse(HttpServletRequest req, HttpServletResponse resp, BodyLimits.Family family,
                        Optional<String> caller, byte[] excerpt) throws IOException {
        String detail = "the body exceeds the limit of " + family.maxBytes() + " bytes";
        if (caller.isPresent() && family.gate() == BodyLimits.Gate.LA_SOAP) {
            String ref = rejected.keep(new RejectedInputStore.Rejection(caller.get(), family.name(), "too-large",
                    detail + " (first " + EXCERPT_BYTES + " bytes kept)", null, req.getContentType(), excerpt));
            detail += "; kept as " + ref;
        }
        log.warn("request body over the limit of {} bytes refused on {} ({})", family.maxBytes(), family.name(),
                caller.isPresent() ? "authenticated" : "not authenticated");
        EdgeAnswers.write(resp, family.form(), 413, detail);
    }
}
