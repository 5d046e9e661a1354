package org.checkersmtp.observation;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The server's greeting: its reply, and how long it made us wait. */
public record Greeting(
        Reply reply,
        /** Milliseconds from connect to the first byte of the greeting. */
        @JsonProperty("first_byte_ms") long firstByteMs,
        /** Milliseconds from connect to the final "220 " line (a greet pause shows here). */
        @JsonProperty("final_line_ms") long finalLineMs) {
}
