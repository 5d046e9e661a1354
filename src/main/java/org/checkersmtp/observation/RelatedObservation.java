package org.checkersmtp.observation;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import tools.jackson.databind.JsonNode;

/** An observation another checker (checker-tls) made about an entry we published. */
public record RelatedObservation(
        @JsonInclude(JsonInclude.Include.ALWAYS) String checkerId,
        @JsonInclude(JsonInclude.Include.ALWAYS) String key,
        @JsonInclude(JsonInclude.Include.ALWAYS) JsonNode data,
        @JsonInclude(JsonInclude.Include.ALWAYS) Instant collectedAt,
        @JsonInclude(JsonInclude.Include.ALWAYS) String ref) {
}
