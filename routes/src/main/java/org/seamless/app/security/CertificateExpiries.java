package org.seamless.app.security;

import java.time.Instant;
import java.util.Optional;

/**
 * When an agency's certificate credentials stop working, where Seamless knows it (the operator console's
 * dashboard, ADR 0051): the earliest end of validity among the certificate authorities configured for the
 * agency's client certificates and the client certificate it last authenticated with.
 */
public interface CertificateExpiries {
    /** The earliest known end of validity of the agency's certificate credentials; empty where none is known. */
    Optional<Instant> expiry(String agencyId);
}
