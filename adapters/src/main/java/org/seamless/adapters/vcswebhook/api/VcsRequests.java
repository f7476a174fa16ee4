package org.seamless.adapters.vcswebhook.api;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.adapters.spi.AgencyAuthenticator;
import org.seamless.adapters.spi.RejectedInputStore;
import org.seamless.mappings.canonical.AgencyKind;

/**
 * What every voluntary-sector API call shares: the calling organisation (authenticated by the HTTP
 * security layer, ADR 0006/0047; only voluntary organisations may use this API), the bounded JSON body,
 * and keeping refused input in quarantine with its reference.
 */
final class VcsRequests {
    static final String EDGE = VcsApiServlet.NAME;
    private static final int KEEP_PREFIX = 64 * 1024;
    private final AgencyAuthenticator authenticator;
    private final RejectedInputStore rejected;
    private final long maxBodyBytes;

    VcsRequests(AgencyAuthenticator authenticator, RejectedInputStore rejected, long maxBodyBytes) {
        this.authenticator = authenticator;
        this.rejected = rejected;
        this.maxBodyBytes = maxBodyBytes;
    }

    /** The calling organisation; empty (answer 401) without a valid key. Throws 403 for a non-VCS agency. */
    Optional<AgencyConfig> caller(HttpServletRequest req) {
        Optional<AgencyConfig> agency = authenticator.authenticate(req);
        if (agency.isPresent() && agency.get().kind() != AgencyKind.VOLUNTARY_ORG) {
            throw new VcsApiException(VcsProblemType.FORBIDDEN,
                    "this API is for voluntary organisations; your agency uses its own adapter's interface");
        }
        return agency;
    }

    /** The JSON body, refused (and kept) when too large, of another media type, or empty. */
    byte[] jsonBody(HttpServletRequest req, AgencyConfig caller) throws IOException {
        String contentType = req.getContentType();
        long limit = maxBodyBytes;
        if (req.getContentLengthLong() > limit) {
            byte[] prefix = req.getInputStream().readNBytes(KEEP_PREFIX);
            throw keep(caller, new VcsApiException(VcsProblemType.PAYLOAD_TOO_LARGE,
                    "the body exceeds the limit of " + limit + " bytes"), contentType, prefix);
        }
        byte[] body = req.getInputStream().readNBytes((int) Math.min(limit + 1, Integer.MAX_VALUE - 16));
        if (body.length > limit) {
            throw keep(caller, new VcsApiException(VcsProblemType.PAYLOAD_TOO_LARGE,
                    "the body exceeds the limit of " + limit + " bytes"), contentType,
                    Arrays.copyOf(body, KEEP_PREFIX));
        }
        if (!isJson(contentType)) {
            throw keep(caller, new VcsApiException(VcsProblemType.UNSUPPORTED_MEDIA_TYPE,
                    "content type must be application/json"), contentType, body);
        }
        return body;
    }

    /** Keeps refused input and returns the exception carrying the quarantine reference. */
    VcsApiException keep(AgencyConfig caller, VcsApiException e, String contentType, byte[] payload) {
        if (e.keptAs() != null) {
            return e;
        }
        String ref = rejected.keep(new RejectedInputStore.Rejection(caller.id(), EDGE, e.type().slug(),
                e.getMessage(), null, contentType, payload));
        return e.kept(ref);
    }

    /**
     * {@code application/json}, any case, with parameters as Spring's {@code MediaType} read them before the
     * API was a servlet edge: one without {@code =} is ignored, a {@code charset} must name a known charset.
     */
    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String[] parts = contentType.split(";", -1);
        if (!parts[0].strip().toLowerCase(Locale.ROOT).equals("application/json")) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].strip();
            int eq = p.indexOf('=');
            if (eq >= 0 && p.substring(0, eq).strip().equalsIgnoreCase("charset")) {
                String value = p.substring(eq + 1).strip().replaceAll("^\"|\"$", "");
                try {
                    if (value.isEmpty() || !java.nio.charset.Charset.isSupported(value)) {
                        return false;
                    }
                } catch (java.nio.charset.IllegalCharsetNameException e) {
                    return false;
                }
            }
        }
        return true;
    }
}
