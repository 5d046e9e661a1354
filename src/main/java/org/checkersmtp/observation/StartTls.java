package org.checkersmtp.observation;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The STARTTLS upgrade: the server's answer, the handshake, and what EHLO said afterwards. */
public record StartTls(
        /** Reply to the STARTTLS command (220 expected). */
        Reply reply,
        @JsonProperty("handshake_ok") boolean handshakeOk,
        /** Why the handshake (or the command) failed. */
        String error,
        /** Negotiated protocol, e.g. "TLSv1.3". */
        String protocol,
        @JsonProperty("cipher_suite") String cipherSuite,
        @JsonProperty("handshake_ms") long handshakeMs,
        CertificateSummary certificate,
        /** Reply to EHLO over TLS. */
        Reply ehlo,
        /** Extensions advertised over TLS, kept apart from the plaintext list. */
        List<Extension> extensions,
        /** The handshake failed and the session was restarted in plaintext for the transactions. */
        @JsonProperty("plaintext_fallback") boolean plaintextFallback) {

    public StartTls {
        extensions = extensions == null ? List.of() : List.copyOf(extensions);
    }

    /** The server did not answer 220 to STARTTLS. */
    public static StartTls refused(Reply reply) {
        return new StartTls(reply, false, "STARTTLS refused: " + reply.summary(), null, null, 0, null, null, null,
                false);
    }

    /** The server said 220 but no handshake completed; {@code plaintextFallback} when the session went on in clear. */
    public static StartTls handshakeFailed(Reply reply, String error, boolean plaintextFallback) {
        return new StartTls(reply, false, error, null, null, 0, null, null, null, plaintextFallback);
    }

    /** The handshake completed; EHLO inside TLS not answered yet. */
    public static StartTls negotiated(Reply reply, String protocol, String cipherSuite, long handshakeMs,
                                      CertificateSummary certificate) {
        return new StartTls(reply, true, null, protocol, cipherSuite, handshakeMs, certificate, null, null, false);
    }

    /** This upgrade with EHLO's reply inside TLS and the extensions it advertised. */
    public StartTls withEhlo(Reply ehloInsideTls, List<Extension> extensionsInsideTls) {
        return new StartTls(reply, handshakeOk, error, protocol, cipherSuite, handshakeMs, certificate, ehloInsideTls,
                extensionsInsideTls, plaintextFallback);
    }
}
