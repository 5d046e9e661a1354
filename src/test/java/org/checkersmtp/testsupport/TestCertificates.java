package org.checkersmtp.testsupport;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Certificates (self-signed, or from a test CA) generated at test time, so no key material lives in the repository. */
public final class TestCertificates {

    private TestCertificates() {}

    public record Issued(X509Certificate certificate, KeyPair keys, SSLContext serverContext) {
    }

    /**
     * A certificate authority made for the test run (a fresh key every JVM): the TLS posture tests
     * give its PEM to checker.tls.trust-store and serve leaves it issued, valid or not.
     */
    public static final class TestCa {
        private static final TestCa SHARED = new TestCa();

        private final KeyPair keys;
        private final X509Certificate certificate;

        private TestCa() {
            try {
                keys = ecKeys();
                X500Name name = new X500Name("CN=checker-smtp test CA,O=checker-smtp tests");
                long now = System.currentTimeMillis();
                JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now),
                        new Date(now - 86_400_000L), new Date(now + 3650L * 86_400_000L), name, keys.getPublic());
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
                builder.addExtension(Extension.keyUsage, true,
                        new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
                certificate = new JcaX509CertificateConverter().getCertificate(
                        builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
            } catch (Exception e) {
                throw new IllegalStateException("cannot create the test CA", e);
            }
        }

        public static TestCa shared() {
            return SHARED;
        }

        public X509Certificate certificate() {
            return certificate;
        }

        /** The CA certificate in PEM, as checker.tls.trust-store reads it. */
        public String pem() {
            return TestCertificates.pem(certificate);
        }

        /**
         * A leaf for {@code dnsNames} (the first is its CN) valid from {@code notBefore} to {@code notAfter},
         * with an RSA 2048 key (the common case on mail servers); its server context presents the leaf and
         * this CA.
         */
        public Issued issue(Instant notBefore, Instant notAfter, String... dnsNames) {
            String dnsName = dnsNames[0];
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                KeyPair leafKeys = generator.generateKeyPair();
                JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                        X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()),
                        BigInteger.valueOf(SERIALS.incrementAndGet()), Date.from(notBefore), Date.from(notAfter),
                        new X500Name("CN=" + dnsName), leafKeys.getPublic());
                builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(
                        java.util.Arrays.stream(dnsNames).map(n -> new GeneralName(GeneralName.dNSName, n))
                                .toArray(GeneralName[]::new)));
                builder.addExtension(Extension.extendedKeyUsage, false,
                        new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
                X509Certificate leaf = new JcaX509CertificateConverter().getCertificate(
                        builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
                return new Issued(leaf, leafKeys, serverContext(leafKeys, leaf, certificate));
            } catch (Exception e) {
                throw new IllegalStateException("cannot issue a test certificate for " + dnsName, e);
            }
        }
    }

    private static final java.util.concurrent.atomic.AtomicLong SERIALS =
            new java.util.concurrent.atomic.AtomicLong(System.currentTimeMillis());

    /** Certificates in PEM, one after the other. */
    public static String pem(X509Certificate... certificates) {
        StringBuilder out = new StringBuilder();
        for (X509Certificate c : certificates) {
            try {
                out.append("-----BEGIN CERTIFICATE-----\n")
                        .append(java.util.Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(c.getEncoded()))
                        .append("\n-----END CERTIFICATE-----\n");
            } catch (java.security.cert.CertificateEncodingException e) {
                throw new IllegalStateException(e);
            }
        }
        return out.toString();
    }

    /** A private key in PKCS#8 PEM ("BEGIN PRIVATE KEY"), the form OpenSSL 3 reads for every key type. */
    public static String pem(java.security.PrivateKey key) {
        return "-----BEGIN PRIVATE KEY-----\n"
                + java.util.Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    private static KeyPair ecKeys() throws java.security.GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        return generator.generateKeyPair();
    }

    private static SSLContext serverContext(KeyPair keys, X509Certificate... chain)
            throws java.security.GeneralSecurityException, java.io.IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("server", keys.getPrivate(), new char[0], chain);
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, new char[0]);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        return context;
    }

    /**
     * A leaf for {@code hostname} signed MD5withRSA by a throwaway RSA CA, presented with that CA: the
     * JDK's jdk.certpath.disabledAlgorithms refuses MD5 in a chain, while the handshake itself signs with
     * SHA-256 and completes.
     */
    public static Issued md5Signed(String hostname) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair caKeys = generator.generateKeyPair();
            KeyPair leafKeys = generator.generateKeyPair();
            X500Name caName = new X500Name("CN=checker-smtp MD5 test CA");
            long now = System.currentTimeMillis();
            JcaX509v3CertificateBuilder ca = new JcaX509v3CertificateBuilder(caName, BigInteger.valueOf(now),
                    new Date(now - 86_400_000L), new Date(now + 30L * 86_400_000L), caName, caKeys.getPublic());
            ca.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            X509Certificate caCert = new JcaX509CertificateConverter().getCertificate(
                    ca.build(new JcaContentSignerBuilder("SHA256withRSA").build(caKeys.getPrivate())));
            JcaX509v3CertificateBuilder leaf = new JcaX509v3CertificateBuilder(caName,
                    BigInteger.valueOf(SERIALS.incrementAndGet()), new Date(now - 3_600_000L),
                    new Date(now + 30L * 86_400_000L), new X500Name("CN=" + hostname), leafKeys.getPublic());
            leaf.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(new GeneralName(GeneralName.dNSName, hostname)));
            X509Certificate leafCert = new JcaX509CertificateConverter().getCertificate(
                    leaf.build(new JcaContentSignerBuilder("MD5withRSA").build(caKeys.getPrivate())));
            return new Issued(leafCert, leafKeys, serverContext(leafKeys, leafCert, caCert));
        } catch (Exception e) {
            throw new IllegalStateException("cannot generate an MD5-signed test certificate", e);
        }
    }

    public static Issued selfSigned(String hostname) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(256);
            KeyPair keys = generator.generateKeyPair();
            X500Name name = new X500Name("CN=" + hostname);
            long now = System.currentTimeMillis();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name,
                    BigInteger.valueOf(now), new Date(now - 3_600_000L), new Date(now + 30L * 86_400_000L),
                    name, keys.getPublic());
            builder.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(new GeneralName(GeneralName.dNSName, hostname)));
            X509Certificate cert = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("server", keys.getPrivate(), new char[0], new X509Certificate[] {cert});
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(store, new char[0]);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), null, null);
            return new Issued(cert, keys, context);
        } catch (Exception e) {
            throw new IllegalStateException("cannot generate a test certificate", e);
        }
    }
}
