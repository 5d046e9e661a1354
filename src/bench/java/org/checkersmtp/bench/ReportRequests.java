package org.checkersmtp.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.checkersmtp.json.GoJson;
import tools.jackson.databind.JsonNode;

/**
 * The observations the evaluate/report benchmarks send: realistic ones (STARTTLS, three transactions,
 * full transcripts, a few problems so that "What to fix" has content) of 2 and 20 endpoints, kept in
 * src/bench/resources/observations so every run measures the same work.
 */
final class ReportRequests {

    static final List<String> FIXTURES = List.of("two-endpoints", "twenty-endpoints");

    private ReportRequests() {}

    static byte[] observation(String fixture) {
        try (InputStream in = ReportRequests.class.getResourceAsStream("/observations/" + fixture + ".json")) {
            if (in == null) {
                throw new IllegalArgumentException("no bench observation " + fixture);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode tree(String fixture) {
        return GoJson.mapper().readTree(observation(fixture));
    }

    /** POST /evaluate: the observation under the checker's key, no options. */
    static byte[] evaluate(String fixture) {
        return GoJson.encode(Map.of("observations", Map.of("smtp", tree(fixture)), "options", Map.of()));
    }

    /** POST /report for metrics (no Accept header, as happyDomain's host sends it). */
    static byte[] metrics(String fixture) {
        return GoJson.encode(Map.of("key", "smtp", "data", tree(fixture)));
    }

    /** POST /report for HTML: the observation and the states /evaluate gave for it, as a host sends them. */
    static byte[] html(String fixture, JsonNode states) {
        return GoJson.encode(Map.of("key", "smtp", "data", tree(fixture), "states", states));
    }
}
