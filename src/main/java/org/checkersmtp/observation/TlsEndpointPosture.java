package org.checkersmtp.observation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The TLS posture of one address of one MX host, as a validating sender would see it. Tri-state
 * facts ({@code Boolean}) are absent when they could not be established and written when false.
 */
public record TlsEndpointPosture(
        @JsonInclude(JsonInclude.Include.ALWAYS) String host,
        @JsonInclude(JsonInclude.Include.ALWAYS) int port,
        @JsonInclude(JsonInclude.Include.ALWAYS) String address,
        /** Server name sent in the handshake (absent for an IP-literal MX). */
        String sni,
        /** Why the posture is missing or partial. */
        TlsFailure failure,
        String error,
        @JsonProperty("tls_version") String tlsVersion,
        @JsonProperty("cipher_suite") String cipherSuite,
        /** The presented chain, leaf first, in the server's order. */
        List<PresentedCertificate> certificates,
        /** The chain validates (PKIX) to the trust store; checked at a time inside the leaf's validity. */
        @JsonProperty("chain_valid") @JsonInclude(JsonInclude.Include.NON_NULL) Boolean chainValid,
        @JsonProperty("chain_error") String chainError,
        /** The leaf names the MX host (RFC 6125, wildcard in the left-most label only). */
        @JsonProperty("hostname_match") @JsonInclude(JsonInclude.Include.NON_NULL) Boolean hostnameMatch,
        @JsonProperty("hostname_error") String hostnameError,
        /** Whole days from collected_at to the leaf's not_after; negative once expired. */
        @JsonProperty("days_to_expiry") @JsonInclude(JsonInclude.Include.NON_NULL) Long daysToExpiry,
        /** A handshake restricted to TLS 1.0 was accepted. */
        @JsonProperty("tls10_accepted") @JsonInclude(JsonInclude.Include.NON_NULL) Boolean tls10Accepted,
        @JsonProperty("tls11_accepted") @JsonInclude(JsonInclude.Include.NON_NULL) Boolean tls11Accepted,
        @JsonProperty("legacy_probe_error") String legacyProbeError,
        /** A handshake offering only forward-secret key exchanges succeeds (ECDHE, DHE, or TLS 1.3). */
        @JsonProperty("forward_secrecy") @JsonInclude(JsonInclude.Include.NON_NULL) Boolean forwardSecrecy,
        @JsonProperty("forward_secrecy_detail") String forwardSecrecyDetail,
        /** The chain matches one of the host's usable TLSA records (absent: no TLSA or no chain). */
        @JsonProperty("dane_match") @JsonInclude(JsonInclude.Include.NON_NULL) Boolean daneMatch,
        /** The TLSA records that matched, in presentation form. */
        @JsonProperty("tlsa_matched") List<String> tlsaMatched,
        @JsonProperty("duration_ms") long durationMs) {

    public TlsEndpointPosture {
        certificates = certificates == null ? List.of() : List.copyOf(certificates);
        tlsaMatched = tlsaMatched == null ? List.of() : List.copyOf(tlsaMatched);
    }

    /** The same posture with the DANE verdict of its chain against the host's TLSA records. */
    public TlsEndpointPosture withDane(Boolean match, List<String> matched) {
        return new TlsEndpointPosture(host, port, address, sni, failure, error, tlsVersion, cipherSuite, certificates,
                chainValid, chainError, hostnameMatch, hostnameError, daysToExpiry, tls10Accepted, tls11Accepted,
                legacyProbeError, forwardSecrecy, forwardSecrecyDetail, match, matched, durationMs);
    }

    public boolean handshakeOk() {
        return tlsVersion != null;
    }

    public PresentedCertificate leaf() {
        return certificates.isEmpty() ? null : certificates.get(0);
    }

    /** "mx.example.com/192.0.2.1", the subject rules use for an endpoint. */
    public String subject() {
        return host + "/" + address;
    }
}
