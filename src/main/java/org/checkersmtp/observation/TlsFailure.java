package org.checkersmtp.observation;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Why an endpoint's TLS posture is missing or partial ({@code tls_posture.endpoints[].failure}). */
public enum TlsFailure {
    @JsonProperty("tcp_unreachable") TCP_UNREACHABLE("tcp_unreachable"),
    @JsonProperty("starttls_not_offered") STARTTLS_NOT_OFFERED("starttls_not_offered"),
    @JsonProperty("starttls_refused") STARTTLS_REFUSED("starttls_refused"),
    @JsonProperty("handshake_failed") HANDSHAKE_FAILED("handshake_failed"),
    /** The target policy forbade the connection: a limit of ours, not a finding. */
    @JsonProperty("policy") POLICY("policy"),
    /** The examination deadline came first: a limit of ours, not a finding. */
    @JsonProperty("deadline") DEADLINE("deadline");

    private final String wire;

    TlsFailure(String wire) {
        this.wire = wire;
    }

    /** The JSON value, which the report shows too. */
    @Override
    public String toString() {
        return wire;
    }
}
