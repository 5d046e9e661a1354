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
}
