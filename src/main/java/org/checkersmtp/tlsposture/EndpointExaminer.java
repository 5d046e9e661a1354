package org.checkersmtp.tlsposture;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.DSAPublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.checkersmtp.observation.IpAddresses;
import org.checkersmtp.observation.PresentedCertificate;
import org.checkersmtp.observation.TlsEndpointPosture;
import org.checkersmtp.observation.TlsFailure;
import org.checkersmtp.smtp.Deadline;
import org.checkersmtp.smtp.SmtpLimits;

/**
 * The posture of one address: one STARTTLS handshake as a validating sender makes it (chain, name,
 * expiry, version, cipher), one or two ClientHellos capped at TLS 1.1 and 1.0, and — only when the
 * negotiated suite was not forward secret — a handshake offering forward-secret suites alone. The
 * connections are made one after the other, under the slot the caller holds for the address.
 */
final class EndpointExaminer {

    /** The facts, and the chain itself for DANE matching (not part of the observation). */
    record Examined(TlsEndpointPosture posture, List<X509Certificate> chain) {
    }

    private final TrustMaterial trust;
    private final int port;
    private final SmtpLimits limits;
    private final Clock clock;

    EndpointExaminer(TrustMaterial trust, int port, SmtpLimits limits, Clock clock) {
        this.trust = trust;
        this.port = port;
        this.limits = limits;
        this.clock = clock;
    }

    /** Never throws: a failure becomes the posture's {@code failure} and {@code error}. */
    Examined examine(String host, int entryPort, InetAddress address, String ehloName, Instant until) {
        Instant start = clock.instant();
        Deadline deadline = Deadline.at(until, clock);
        String sni = IpAddresses.isLiteral(host) ? null : host;
        InetSocketAddress server = new InetSocketAddress(address, port);
        String addressText = IpAddresses.text(address);
        PostureHandshake.Result main;
        try {
            main = PostureHandshake.perform(StartTlsDialer.open(server, ehloName, deadline, limits), host, sni,
                    deadline, false);
        } catch (PostureFailure f) {
            return new Examined(failed(host, entryPort, addressText, sni, f.code(), f.getMessage(), start), List.of());
        }
        List<X509Certificate> chain = main.chain();
        Instant now = clock.instant();
        Boolean chainValid = null;
        String chainError = null;
        Long days = null;
        if (!chain.isEmpty()) {
            X509Certificate leaf = chain.get(0);
            days = Math.floorDiv(Duration.between(now, leaf.getNotAfter().toInstant()).getSeconds(), 86_400L);
            // Expiry is a finding of its own: judge the path at a moment the leaf was valid.
            Optional<String> problem = trust.pathProblem(chain, insideValidity(leaf, now));
            chainValid = problem.isEmpty();
            chainError = problem.orElse(null);
        }

        Boolean tls10 = null;
        Boolean tls11 = null;
        String legacyError = null;
        try {
            Optional<Integer> upTo11 = legacy(server, ehloName, sni, LegacyVersionProbe.TLS11, deadline);
            tls11 = upTo11.filter(v -> v == LegacyVersionProbe.TLS11).isPresent();
            tls10 = upTo11.filter(v -> v == LegacyVersionProbe.TLS10).isPresent()
                    || (tls11 && legacy(server, ehloName, sni, LegacyVersionProbe.TLS10, deadline).isPresent());
        } catch (PostureFailure f) {
            legacyError = f.getMessage();
        }

        Boolean forwardSecrecy;
        String fsDetail;
        if (PostureHandshake.forwardSecret(main.protocol(), main.cipherSuite())) {
            forwardSecrecy = true;
            fsDetail = "negotiated " + main.cipherSuite();
        } else {
            try {
                PostureHandshake.Result fs = PostureHandshake.perform(
                        StartTlsDialer.open(server, ehloName, deadline, limits), host, sni, deadline, true);
                forwardSecrecy = true;
                fsDetail = "negotiated " + main.cipherSuite() + " (not forward secret); offering only forward-secret "
                        + "suites gave " + fs.cipherSuite();
            } catch (PostureFailure f) {
                forwardSecrecy = f.code().equals(TlsFailure.HANDSHAKE_FAILED) ? false : null;
                fsDetail = "negotiated " + main.cipherSuite() + " (not forward secret); offering only forward-secret "
                        + "suites: " + f.getMessage();
            }
        }
        TlsEndpointPosture posture = new TlsEndpointPosture(host, entryPort, addressText, sni, null, null,
                main.protocol(), main.cipherSuite(), chain.stream().map(EndpointExaminer::describe).toList(),
                chainValid, chainError, main.hostnameMatch(), main.hostnameError(), days, tls10, tls11, legacyError,
                forwardSecrecy, fsDetail, null, null, Duration.between(start, clock.instant()).toMillis());
        return new Examined(posture, chain);
    }

    TlsEndpointPosture failed(String host, int entryPort, String address, String sni, TlsFailure failure, String error,
                              Instant start) {
        return new TlsEndpointPosture(host, entryPort, address, sni, failure, error, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null,
                Duration.between(start, clock.instant()).toMillis());
    }

    private Optional<Integer> legacy(InetSocketAddress server, String ehloName, String sni, int version,
                                     Deadline deadline) throws PostureFailure {
        java.net.Socket socket = StartTlsDialer.open(server, ehloName, deadline, limits);
        try {
            return LegacyVersionProbe.negotiate(socket, sni, version, deadline);
        } finally {
            StartTlsDialer.closeQuietly(socket);
        }
    }

    private static Instant insideValidity(X509Certificate leaf, Instant now) {
        Instant notAfter = leaf.getNotAfter().toInstant();
        Instant notBefore = leaf.getNotBefore().toInstant();
        if (now.isAfter(notAfter)) {
            return notAfter.minusSeconds(1);
        }
        return now.isBefore(notBefore) ? notBefore.plusSeconds(1) : now;
    }

    static PresentedCertificate describe(X509Certificate cert) {
        List<String> san;
        try {
            san = cert.getSubjectAlternativeNames() == null ? List.of()
                    : cert.getSubjectAlternativeNames().stream()
                            .filter(n -> n.get(0).equals(2) || n.get(0).equals(7))
                            .map(n -> (n.get(0).equals(2) ? "DNS:" : "IP:") + n.get(1)).toList();
        } catch (CertificateParsingException e) {
            san = List.of("unparseable: " + e.getMessage());
        }
        String sha256;
        try {
            sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
        } catch (GeneralSecurityException e) {
            sha256 = null;
        }
        return new PresentedCertificate(cert.getSubjectX500Principal().getName(),
                cert.getIssuerX500Principal().getName(), san, cert.getNotBefore().toInstant(),
                cert.getNotAfter().toInstant(), sha256, cert.getPublicKey().getAlgorithm(), keyBits(cert),
                cert.getSigAlgName());
    }

    private static int keyBits(X509Certificate cert) {
        java.security.PublicKey key = cert.getPublicKey();
        if (key instanceof RSAPublicKey rsa) {
            return rsa.getModulus().bitLength();
        }
        if (key instanceof ECPublicKey ec) {
            return ec.getParams().getCurve().getField().getFieldSize();
        }
        if (key instanceof DSAPublicKey dsa) {
            return dsa.getParams().getP().bitLength();
        }
        if (key instanceof EdECPublicKey ed) {
            return "Ed448".equals(ed.getParams().getName()) ? 448 : 255;
        }
        return 0;
    }
}
