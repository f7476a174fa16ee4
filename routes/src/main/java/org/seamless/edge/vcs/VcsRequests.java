package org.seamless.edge.vcs;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Arrays;
import java.util.Optional;
import org.seamless.adapters.registry.AgencyConfig;
import org.seamless.adapters.spi.AgencyAuthenticator;
import org.seamless.adapters.spi.RejectedInputStore;
import org.seamless.mappings.canonical.AgencyKind;
import org.seamless.mappings.vcs.VcsInputException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.InvalidMimeTypeException;

/**
 * What every voluntary-sector API call shares: the calling organisation from its API key (ADR 0006;
 * only voluntary organisations may use this API), the bounded JSON body, and keeping refused input
 * in quarantine with its reference.
 */
@Component
class VcsRequests {
    static final String EDGE = "vcs-api";
    private static final int KEEP_PREFIX = 64 * 1024;
    private final AgencyAuthenticator authenticator;
    private final RejectedInputStore rejected;
    private final VcsApiProperties props;

    VcsRequests(AgencyAuthenticator authenticator, RejectedInputStore rejected, VcsApiProperties props) {
        this.authenticator = authenticator;
        this.rejected = rejected;
        this.props = props;
    }

    /** The calling organisation; empty (answer 401) without a valid key. Throws 403 for a non-VCS agency. */
    Optional<AgencyConfig> caller(HttpServletRequest req) {
        Optional<AgencyConfig> agency = org.seamless.app.security.web.Callers.agency();
        if (agency.isPresent() && agency.get().kind() != AgencyKind.VOLUNTARY_ORG) {
            throw new VcsApiException(VcsProblemType.FORBIDDEN,
                    "this API is for voluntary organisations; your agency uses its own adapter's interface");
        }
        return agency;
    }

    /** The JSON body, refused (and kept) when too large, of another media type, or empty. */
    byte[] jsonBody(HttpServletRequest req, AgencyConfig caller) throws IOException {
        String contentType = req.getContentType();
        long limit = props.maxBodyBytes();
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

    /** A mapping-layer refusal as an API exception. */
    static VcsApiException of(VcsInputException e) {
        return new VcsApiException(VcsProblemType.ofCode(e.code()), e.field(), e.getMessage(), null);
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            return MediaType.APPLICATION_JSON.equalsTypeAndSubtype(MediaType.parseMediaType(contentType));
        } catch (InvalidMimeTypeException e) {
            return false;
        }
    }
}
