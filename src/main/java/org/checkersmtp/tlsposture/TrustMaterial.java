package org.checkersmtp.tlsposture;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The certificate authorities a sender trusts: the JVM's (the system trust store), or only those of a
 * PEM file ({@code checker.tls.trust-store}, for private deployments and tests). Builds PKIX paths and
 * the SSL context of the MTA-STS policy fetch from the same set.
 */
final class TrustMaterial {

    private final String label;
    private final Set<TrustAnchor> anchors;
    private final KeyStore keyStore;

    private TrustMaterial(String label, Set<TrustAnchor> anchors, KeyStore keyStore) {
        this.label = label;
        this.anchors = anchors;
        this.keyStore = keyStore;
    }

    /** The PEM file's certificates, or the JVM's default trust store when {@code pemFile} is null. */
    static TrustMaterial load(Path pemFile) {
        try {
            KeyStore store = null;
            List<X509Certificate> cas;
            if (pemFile == null) {
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init((KeyStore) null);
                cas = List.of(((X509TrustManager) tmf.getTrustManagers()[0]).getAcceptedIssuers());
            } else {
                try (InputStream in = Files.newInputStream(pemFile)) {
                    cas = CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
                            .map(c -> (X509Certificate) c).toList();
                }
                if (cas.isEmpty()) {
                    throw new IllegalArgumentException("checker.tls.trust-store: no certificate in " + pemFile);
                }
                store = KeyStore.getInstance(KeyStore.getDefaultType());
                store.load(null, null);
                for (int i = 0; i < cas.size(); i++) {
                    store.setCertificateEntry("ca-" + i, cas.get(i));
                }
            }
            Set<TrustAnchor> anchors = new HashSet<>();
            cas.forEach(c -> anchors.add(new TrustAnchor(c, null)));
            return new TrustMaterial(pemFile == null ? "system" : pemFile.toString(), Set.copyOf(anchors), store);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("checker.tls.trust-store: cannot read " + pemFile + ": "
                    + e.getMessage(), e);
        }
    }

    String label() {
        return label;
    }

    /**
     * Why the presented certificates do not form a path from the leaf to a trusted CA at {@code at},
     * or empty when they do. Revocation is not checked (no OCSP/CRL fetch: no traffic to third parties).
     */
    Optional<String> pathProblem(List<X509Certificate> presented, Instant at) {
        return pathProblem(anchors, presented, at);
    }

    /** The same, from the given anchors (a DANE-TA record names its own). */
    static Optional<String> pathProblem(Set<TrustAnchor> anchors, List<X509Certificate> presented, Instant at) {
        try {
            X509CertSelector leaf = new X509CertSelector();
            leaf.setCertificate(presented.get(0));
            PKIXBuilderParameters params = new PKIXBuilderParameters(anchors, leaf);
            params.setRevocationEnabled(false);
            params.setDate(Date.from(at));
            params.addCertStore(CertStore.getInstance("Collection",
                    new CollectionCertStoreParameters(List.<Certificate>copyOf(presented))));
            CertPathBuilder.getInstance("PKIX").build(params);
            return Optional.empty();
        } catch (GeneralSecurityException e) {
            return Optional.of(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    /** A client context that validates servers against this trust store (the MTA-STS fetch). */
    SSLContext validatingContext() {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(keyStore);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no TLS implementation", e);
        }
    }
}
