package org.checkersmtp.observation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * What our TLS sibling (package {@code tlsposture}) found, carried inside the smtp observation when it
 * ran: the certificate and protocol posture of every endpoint, DANE for every MX host, and the
 * domain's MTA-STS and TLS-RPT policies. Facts only; {@code smtp.tls_quality}, {@code smtp.dane} and
 * {@code smtp.mta_sts} judge them.
 */
public record TlsPosture(
        @JsonProperty("collected_at") @JsonInclude(JsonInclude.Include.ALWAYS) Instant collectedAt,
        @JsonProperty("duration_ms") long durationMs,
        /** "system" (the JVM's CA certificates) or the PEM file named by checker.tls.trust-store. */
        @JsonProperty("trust_store") String trustStore,
        /** "root" (the IANA root anchors built in) or the file named by checker.dns.trust-anchors. */
        @JsonProperty("dnssec_anchors") String dnssecAnchors,
        @JsonInclude(JsonInclude.Include.ALWAYS) List<TlsEndpointPosture> endpoints,
        /** One TLSA lookup per MX host name. */
        List<DaneLookup> dane,
        @JsonProperty("mta_sts") MtaSts mtaSts,
        @JsonProperty("tls_rpt") TlsRpt tlsRpt,
        /** Set when the examination deadline cut work short. */
        String incomplete) {

    public TlsPosture {
        endpoints = endpoints == null ? List.of() : List.copyOf(endpoints);
        dane = dane == null ? List.of() : List.copyOf(dane);
    }
}
