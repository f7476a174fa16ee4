package org.seamless.app.security;

import java.security.cert.X509Certificate;
import javax.net.ssl.X509TrustManager;

/**
 * The TLS connector's trust manager for client certificates: it lets any certificate through the
 * handshake (the handshake still proves the client holds the matching private key) so that the
 * application judges it in {@link ClientCertificateCheck}, answers 401 like every other failed
 * authentication, and logs the attempt. Never used for server certificates or outbound calls.
 */
public final class DeferredClientCertificateTrust implements X509TrustManager {

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {
        // judged per request by ClientCertificateCheck
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws java.security.cert.CertificateException {
        throw new java.security.cert.CertificateException("not a client trust manager for servers");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
