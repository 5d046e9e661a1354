package org.checkersmtp.bench;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.checkersmtp.json.GoJson;
import tools.jackson.databind.JsonNode;

/** What happyDomain does: POST /collect with the domain option, over HTTP, timed from the client side. */
final class CheckerClient {

    /** One collect: its wall time seen by the client, the HTTP status and the observation. */
    record Collected(String domain, double wallMs, int status, JsonNode observation) {

        JsonNode endpoints() {
            return observation.path("endpoints");
        }

        /** True when every endpoint's session ended normally (QUIT answered), none cut by a deadline. */
        boolean allCompleted() {
            if (status != 200 || !endpoints().isArray() || endpoints().isEmpty()) {
                return false;
            }
            for (JsonNode e : endpoints()) {
                if (!"completed".equals(e.path("end").path("reason").asString())) {
                    return false;
                }
            }
            return true;
        }

        /** The longest endpoint session, from TCP connect to the end, as the prober measured it. */
        double longestSessionMs() {
            double longest = 0;
            for (JsonNode e : endpoints()) {
                longest = Math.max(longest, e.path("duration_ms").asDouble());
            }
            return longest;
        }

        /** Why this collect did not complete, in a few words. */
        String failure() {
            if (status != 200) {
                return "HTTP " + status;
            }
            if (endpoints().isEmpty()) {
                return "no endpoint (MX: " + observation.path("mx").path("records").path(0).path("resolution_error")
                        .asString() + observation.path("mx").path("error").asString() + ")";
            }
            for (JsonNode e : endpoints()) {
                if (!"completed".equals(e.path("end").path("reason").asString())) {
                    return e.path("address").asString() + ": " + e.path("end").path("reason").asString() + " "
                            + e.path("end").path("detail").asString();
                }
            }
            return "completed";
        }
    }

    private final CheckerProcess checker;
    private final java.nio.file.Path observations;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** Each domain's latest observation is kept in {@code observations}, to see what a figure measured. */
    CheckerClient(CheckerProcess checker, java.nio.file.Path observations) {
        this.checker = checker;
        this.observations = observations;
    }

    Collected collect(String domain) throws IOException, InterruptedException {
        return collectAsync(domain).join();
    }

    CompletableFuture<Collected> collectAsync(String domain) {
        byte[] body = GoJson.encode(Map.of("key", "smtp", "options", Map.of("domain", domain)));
        HttpRequest request = HttpRequest.newBuilder(checker.uri("/collect"))
                .timeout(Duration.ofSeconds(150))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        long start = System.nanoTime();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).thenApply(response -> {
            double wallMs = (System.nanoTime() - start) / 1e6;
            try {
                java.nio.file.Files.createDirectories(observations);
                java.nio.file.Files.write(observations.resolve(domain + ".json"), response.body());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            JsonNode data = GoJson.mapper().readTree(new String(response.body(), StandardCharsets.UTF_8))
                    .path("data");
            return new Collected(domain, wallMs, response.statusCode(), data);
        });
    }

    /** POST a JSON body, return the response body (for building the report benchmark's requests). */
    byte[] post(String path, byte[] json, String accept) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(checker.uri(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(json));
        if (accept != null) {
            request.header("Accept", accept);
        }
        HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": "
                    + new String(response.body(), StandardCharsets.UTF_8));
        }
        return response.body();
    }
}
