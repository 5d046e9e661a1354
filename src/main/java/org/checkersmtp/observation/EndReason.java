package org.checkersmtp.observation;

import com.fasterxml.jackson.annotation.JsonProperty;

public enum EndReason {
    /** The conversation ran to QUIT. */
    @JsonProperty("completed") COMPLETED,
    @JsonProperty("connect_failed") CONNECT_FAILED,
    /** The target policy forbade contacting the address. */
    @JsonProperty("policy_refused") POLICY_REFUSED,
    /** The greeting was 4xx/5xx: we said QUIT and stopped. */
    @JsonProperty("greeting_refused") GREETING_REFUSED,
    /** The session deadline (the timeout option) was reached. */
    @JsonProperty("deadline") DEADLINE,
    /** The overall collect deadline was reached first. */
    @JsonProperty("collect_deadline") COLLECT_DEADLINE,
    @JsonProperty("limit_line_length") LIMIT_LINE_LENGTH,
    @JsonProperty("limit_reply_lines") LIMIT_REPLY_LINES,
    @JsonProperty("limit_session_bytes") LIMIT_SESSION_BYTES,
    /** The server closed the connection. */
    @JsonProperty("connection_closed") CONNECTION_CLOSED,
    /** The server sent something that is not an SMTP reply. */
    @JsonProperty("protocol_error") PROTOCOL_ERROR,
    /**
     * The server answered a pipelined group (RFC 2920) with fewer or more replies than commands: its
     * replies cannot be matched to the probes, which are recorded without them.
     */
    @JsonProperty("pipelining_mismatch") PIPELINING_MISMATCH,
    @JsonProperty("io_error") IO_ERROR
}
