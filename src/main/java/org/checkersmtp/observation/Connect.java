package org.checkersmtp.observation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The TCP connection to port 25. */
public record Connect(
        @JsonInclude(JsonInclude.Include.ALWAYS) boolean ok,
        /** Why it failed; absent when ok. */
        ConnectFailure failure,
        String error,
        @JsonProperty("time_ms") long timeMs) {
}
