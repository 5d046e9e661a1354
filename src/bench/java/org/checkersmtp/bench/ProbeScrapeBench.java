package org.checkersmtp.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.checkersmtp.testsupport.ScriptedSmtpServer;

/**
 * Benchmark 9: what a Prometheus scrape of /probe costs when the result is kept (within
 * checker.exporter.min-interval): wrk's requests per second on GET /probe of a domain checked once, beside
 * GET /health in the same run (the cheapest route: the ratio holds on a busy machine).
 */
final class ProbeScrapeBench {

    /** The age of a result this scrape computed. */
    private static final String FRESH = "checker_probe_result_age_seconds 0.0\n";

    private ProbeScrapeBench() {}

    static void run(Lab lab, CheckerProcess checker) throws Exception {
        Path dir = Files.createDirectories(lab.out.resolve("wrk"));
        Path script = dir.resolve("get.lua");
        Files.writeString(script, "wrk.method = \"GET\"\n");
        String probe = "/probe?target=" + Lab.domain("healthy") + "&module=default";
        try (ScriptedSmtpServer server = lab.pausingServer(Lab.HEALTHY, Duration.ZERO)) {
            // The one check; every scrape after it is answered from the result cache (and must say so).
            String first = get(checker.uri(probe));
            if (!first.contains("checker_probe_success 1.0\n") || !first.contains(FRESH)) {
                throw new IllegalStateException("the first scrape did not check the domain:\n" + first);
            }
            int sessions = server.connections();
            // /health before and after: on a shared machine the two tell how much the load moved meanwhile.
            double before = ReportThroughputBench.requestsPerSecond(script, checker.uri("/health").toString(),
                    "GET /health");
            double scrapes = ReportThroughputBench.requestsPerSecond(script, checker.uri(probe).toString(),
                    "GET /probe");
            if (server.connections() != sessions || get(checker.uri(probe)).contains(FRESH)) {
                throw new IllegalStateException("scrapes within the interval probed the domain again");
            }
            double after = ReportThroughputBench.requestsPerSecond(script, checker.uri("/health").toString(),
                    "GET /health");
            double health = (before + after) / 2;
            String how = "wrk -t1 -c" + ReportThroughputBench.CONNECTIONS + " -d" + ReportThroughputBench.SECONDS
                    + "s after " + ReportThroughputBench.WARM_UP_SECONDS + " s warm-up";
            lab.figures.add("9 /probe from the cache", "GET /probe, result kept (req/s)", Figures.count(scrapes),
                    how + "; " + first.length() + " bytes, one MX, module default");
            lab.figures.add("9 /probe from the cache", "GET /health, before and after (req/s)",
                    Figures.count(before) + ", " + Figures.count(after), how);
            lab.figures.add("9 /probe from the cache", "/probe over /health", Figures.ratio(scrapes / health),
                    "the scrape's cost beyond routing and access control");
        }
    }

    private static String get(URI uri) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(uri + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }
}
