package org.checkersmtp.observation;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

/** Why an endpoint's TLS posture is missing or partial ({@code tls_posture.endpoints[].failure}). */
public enum TlsFailure {
    @JsonProperty("tcp_unreachable") TCP_UNREACHABLE,
    @JsonProperty("starttls_not_offered") STARTTLS_NOT_OFFERED,
    @JsonProperty("starttls_refused") STARTTLS_REFUSED,
    @JsonProperty("handshake_failed") HANDSHAKE_FAILED,
    /** The target policy forbade the connection: a limit of ours, not a finding. */
    @JsonProperty("policy") POLICY,
    /** The examination deadline came first: a limit of ours, not a finding. */
    @JsonProperty("deadline") DEADLINE;


    /** The JSON value (the constant's name in lower case), which the report shows too. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
