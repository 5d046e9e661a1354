package org.checkersmtp.collect.smtp;

import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import org.checkersmtp.observation.CertificateSummary;
import org.checkersmtp.observation.IpAddresses;
import org.checkersmtp.smtp.Deadline;
import org.checkersmtp.smtp.OpportunisticTrust;

/**
 * The STARTTLS handshake as an opportunistic sending MTA does it: SNI = the MX name, every
 * certificate accepted. We record what was negotiated and describe the certificate; judging it is
 * checker-tls's job, so refusing it here would only hide the facts.
 */
final class TlsHandshake {

    record Result(SSLSocket socket, String protocol, String cipherSuite, CertificateSummary certificate) {
    }

    private static final SSLContext OPPORTUNISTIC = OpportunisticTrust.context(new OpportunisticTrust());

    private TlsHandshake() {}

    static Result perform(Socket plain, EndpointTarget target, Deadline deadline) throws IOException {
        SSLSocket ssl = (SSLSocket) OPPORTUNISTIC.getSocketFactory()
                .createSocket(plain, target.address().getHostAddress(), target.port(), true);
        ssl.setUseClientMode(true);
        SSLParameters params = ssl.getSSLParameters();
        if (!IpAddresses.isLiteral(target.host())) {
            params.setServerNames(List.of(new SNIHostName(target.host())));
        }
        params.setProtocols(ssl.getSupportedProtocols());
        ssl.setSSLParameters(params);
        ssl.setSoTimeout(deadline.socketTimeoutMillis());
        ssl.startHandshake();
        SSLSession session = ssl.getSession();
        return new Result(ssl, session.getProtocol(), session.getCipherSuite(), summarize(session));
    }

    /** Why a handshake failed, in the words the TLS stack gave (they reach state messages: no class names). */
    static String describe(IOException e) {
        String message = e.getMessage();
        if (message != null && !message.isBlank()) {
            return message;
        }
        return e instanceof java.io.EOFException ? "the server closed the connection during the handshake"
                : "the handshake failed and the TLS stack gave no reason";
    }

    private static CertificateSummary summarize(SSLSession session) {
        Certificate[] chain;
        try {
            chain = session.getPeerCertificates();
        } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
            return null;
        }
        if (chain.length == 0 || !(chain[0] instanceof X509Certificate leaf)) {
            return null;
        }
        return new CertificateSummary(
                leaf.getSubjectX500Principal().getName(),
                leaf.getIssuerX500Principal().getName(),
                subjectAltNames(leaf),
                leaf.getNotBefore().toInstant(),
                leaf.getNotAfter().toInstant(),
                leaf.getSerialNumber().toString(16),
                sha256(leaf),
                keyAlgorithm(leaf),
                chain.length);
    }

    private static List<String> subjectAltNames(X509Certificate cert) {
        List<String> names = new ArrayList<>();
        try {
            if (cert.getSubjectAlternativeNames() == null) {
                return names;
            }
            for (List<?> san : cert.getSubjectAlternativeNames()) {
                int type = (Integer) san.get(0);
                if (type == 2 || type == 7) {
                    names.add((type == 7 ? "IP:" : "DNS:") + san.get(1));
                }
            }
        } catch (CertificateParsingException e) {
            names.add("unparseable: " + e.getMessage());
        }
        return names;
    }

    private static String sha256(X509Certificate cert) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
        } catch (GeneralSecurityException e) {
            return null;
        }
    }

    private static String keyAlgorithm(X509Certificate cert) {
        if (cert.getPublicKey() instanceof RSAPublicKey rsa) {
            return "RSA " + rsa.getModulus().bitLength();
        }
        if (cert.getPublicKey() instanceof ECPublicKey ec) {
            return "EC " + ec.getParams().getOrder().bitLength();
        }
        return cert.getPublicKey().getAlgorithm();
    }
}
