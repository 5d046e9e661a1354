package org.checkersmtp.observation;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/** One certificate of the chain a server presented. */
public record PresentedCertificate(
        String subject,
        String issuer,
        /** Subject alternative names: "DNS:mx.example.com", "IP:192.0.2.1". */
        List<String> san,
        @JsonProperty("not_before") Instant notBefore,
        @JsonProperty("not_after") Instant notAfter,
        /** SHA-256 of the DER encoding, lowercase hex. */
        String sha256,
        /** "RSA", "EC", "Ed25519"… */
        @JsonProperty("key_type") String keyType,
        @JsonProperty("key_bits") int keyBits,
        /** e.g. "SHA256withRSA". */
        @JsonProperty("signature_algorithm") String signatureAlgorithm) {

    public PresentedCertificate {
        san = san == null ? List.of() : List.copyOf(san);
    }
}
