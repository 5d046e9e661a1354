package org.checkersmtp.observation;

import com.fasterxml.jackson.annotation.JsonInclude;

/** How the session ended, in which phase, and why. */
public record SessionEnd(
        @JsonInclude(JsonInclude.Include.ALWAYS) EndReason reason,
        /** The phase in progress when it ended. */
        Phase phase,
        String detail) {
}
