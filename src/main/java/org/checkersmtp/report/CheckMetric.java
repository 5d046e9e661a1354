package org.checkersmtp.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Map;

/** The SDK's {@code CheckMetric}, in its key order. */
public record CheckMetric(
        @JsonInclude(JsonInclude.Include.ALWAYS) String name,
        @JsonInclude(JsonInclude.Include.ALWAYS) double value,
        String unit,
        Map<String, String> labels,
        @JsonInclude(JsonInclude.Include.ALWAYS) Instant timestamp) {
}
