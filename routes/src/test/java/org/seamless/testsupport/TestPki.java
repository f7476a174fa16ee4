package org.seamless.testsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A certificate authority made at test time, with server and client certificates it issues
 * (valid, expired, for any subject). Nothing here is ever written to the repository.
 */
public final class TestPki {
    private static final AtomicLong SERIAL = new AtomicLong(System.nanoTime());
    private static final char[] PASSWORD = "test-only".toCharArray();

    /** A key pair with its certificate chain (leaf first). */
    public record Issued(KeyPair keys, X509Certificate[] chain) {
        public X509Certificate certificate() {
            return chain[0];
        }

        /** A PKCS#12 key store holding this key under alias {@code key}. */
        public KeyStore keyStore() throws GeneralSecurityException, IOException {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("key", keys.getPrivate(), PASSWORD, chain);
            return ks;
        }

        public Path writeKeyStore(Path file) throws GeneralSecurityException, IOException {
            Files.createDirectories(file.getParent());
            try (OutputStream out = Files.newOutputStream(file)) {
                keyStore().store(out, PASSWORD);
            }
            return file;
        }
    }

    private final Issued ca;

    private TestPki(Issued ca) {
        this.ca = ca;
    }

    /** A new self-signed CA. */
    public static TestPki create(String name) throws Exception {
        KeyPair keys = keyPair();
        X509Certificate cert = build(name("CN=" + name + ",O=Seamless Test"), keys.getPublic(),
                name("CN=" + name + ",O=Seamless Test"), keys, Instant.now().minusSeconds(3600),
                Instant.now().plusSeconds(86_400), true, null, null);
        return new TestPki(new Issued(keys, new X509Certificate[] {cert}));
    }

    public static String password() {
        return new String(PASSWORD);
    }

    public X509Certificate caCertificate() {
        return ca.certificate();
    }

    /** The CA certificate as a PEM file. */
    public Path writeCaPem(Path file) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, caPem());
        return file;
    }

    /** The CA certificate in PEM (several can be concatenated into one bundle). */
    public String caPem() throws Exception {
        StringWriter w = new StringWriter();
        w.write("-----BEGIN CERTIFICATE-----\n");
        w.write(Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(ca.certificate().getEncoded()));
        w.write("\n-----END CERTIFICATE-----\n");
        return w.toString();
    }

    /** A PKCS#12 trust store holding only this CA's certificate. */
    public Path writeTrustStore(Path file) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", ca.certificate());
        Files.createDirectories(file.getParent());
        try (OutputStream out = Files.newOutputStream(file)) {
            trust.store(out, PASSWORD);
        }
        return file;
    }

    /** A TLS server certificate for localhost and 127.0.0.1. */
    public Issued server() throws Exception {
        KeyPair keys = keyPair();
        GeneralNames san = new GeneralNames(new GeneralName[] {new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1")});
        X509Certificate cert = build(name("CN=localhost,O=Seamless Test"), keys.getPublic(),
                X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded()), ca.keys(),
                Instant.now().minusSeconds(3600), Instant.now().plusSeconds(86_400), false, san,
                new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth});
        return new Issued(keys, new X509Certificate[] {cert, ca.certificate()});
    }

    /** A client certificate with the given subject, valid in [from, to], for TLS client authentication. */
    public Issued client(String subject, Instant from, Instant to) throws Exception {
        return client(subject, from, to, KeyPurposeId.id_kp_clientAuth);
    }

    /**
     * A client certificate valid now whose extended key usage lists only {@code purposes} (none: the
     * certificate has no extended key usage extension).
     */
    public Issued clientFor(String subject, KeyPurposeId... purposes) throws Exception {
        return client(subject, Instant.now().minusSeconds(3600), Instant.now().plusSeconds(86_400), purposes);
    }

    private Issued client(String subject, Instant from, Instant to, KeyPurposeId... purposes) throws Exception {
        KeyPair keys = keyPair();
        X509Certificate cert = build(name(subject), keys.getPublic(),
                X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded()), ca.keys(), from, to, false,
                null, purposes);
        return new Issued(keys, new X509Certificate[] {cert, ca.certificate()});
    }

    /** The SHA-256 fingerprint of this CA's certificate, as {@code openssl x509 -fingerprint -sha256} prints it. */
    public String caFingerprint() throws Exception {
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(ca.certificate().getEncoded());
        return java.util.HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
    }

    /** A client certificate valid now. */
    public Issued client(String subject) throws Exception {
        return client(subject, Instant.now().minusSeconds(3600), Instant.now().plusSeconds(86_400));
    }

    /** A TLS context that trusts this CA and presents {@code client} (or nothing). */
    public SSLContext clientContext(Issued client) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", ca.certificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        if (client != null) {
            kmf.init(client.keyStore(), PASSWORD);
        } else {
            KeyStore empty = KeyStore.getInstance("PKCS12");
            empty.load(null, null);
            kmf.init(empty, PASSWORD);
        }
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), new SecureRandom());
        return ctx;
    }

    /** An RFC 2253 name in the order Java reads it (the last RDN in the string is the first in the certificate). */
    private static X500Name name(String rfc2253) {
        return X500Name.getInstance(new javax.security.auth.x500.X500Principal(rfc2253).getEncoded());
    }

    private static KeyPair keyPair() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    private static X509Certificate build(X500Name subject, java.security.PublicKey key, X500Name issuer, KeyPair issuerKeys,
                                         Instant from, Instant to, boolean ca, GeneralNames san,
                                         KeyPurposeId[] purposes) throws Exception {
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIAL.incrementAndGet()),
                Date.from(from), Date.from(to), subject, key);
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        b.addExtension(Extension.keyUsage, true, ca ? new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign)
                : new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
        if (san != null) {
            b.addExtension(Extension.subjectAlternativeName, false, san);
        }
        if (purposes != null && purposes.length > 0) {
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purposes));
        }
        return new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
    }
}
