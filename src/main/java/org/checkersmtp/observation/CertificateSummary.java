package org.checkersmtp.observation;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/** A short description of the peer certificate; judging it is checker-tls's job. */
public record CertificateSummary(
        String subject,
        String issuer,
        List<String> san,
        @JsonProperty("not_before") Instant notBefore,
        @JsonProperty("not_after") Instant notAfter,
        String serial,
        /** SHA-256 of the DER encoding, lowercase hex. */
        String sha256,
        @JsonProperty("key_algorithm") String keyAlgorithm,
        /** Certificates the server sent, leaf included. */
        @JsonProperty("chain_length") int chainLength) {

    public CertificateSummary {
        san = san == null ? List.of() : List.copyOf(san);
    }
}
