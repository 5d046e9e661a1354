package org.checkersmtp.observation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** One line of the conversation, verbatim, with its direction and its offset from connect. */
public record TranscriptLine(
        /** "C" client to server, "S" server to client, "*" an event of ours (TLS handshake, reconnect, limit). */
        @JsonInclude(JsonInclude.Include.ALWAYS) String dir,
        @JsonProperty("t_ms") @JsonInclude(JsonInclude.Include.ALWAYS) long tMs,
        @JsonInclude(JsonInclude.Include.ALWAYS) String line) {

    public static final String CLIENT = "C";
    public static final String SERVER = "S";
    public static final String EVENT = "*";
}
