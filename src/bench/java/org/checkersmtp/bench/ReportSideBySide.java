package org.checkersmtp.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import org.checkersmtp.json.GoJson;
import tools.jackson.databind.JsonNode;

/**
 * Benchmark 10, benchmark 5's HTML report side by side: the HTML {@code POST /report} of the jar under test against the baseline jar's
 * (BENCH_BASELINE_JAR), both running at once and measured in turn (the idle one is idle), in English (no
 * Accept-Language, as happyDomain's host asks) and in French ({@code Accept-Language: fr}). Each pair is
 * baseline then new, so a machine whose load drifts charges both alike; the figure is new / baseline of the
 * median rates.
 */
final class ReportSideBySide {

    static final int PAIRS = 3;
    private static final List<String> LANGUAGES = List.of("", "fr");

    private ReportSideBySide() {}

    static void run(Lab lab, CheckerProcess checker, CheckerClient client, Path baselineJar, List<String> jvmFlags,
                    String baselineName) throws Exception {
        Path dir = Files.createDirectories(lab.out.resolve("wrk-side-by-side"));
        try (CheckerProcess baseline = CheckerProcess.start(baselineJar, jvmFlags, lab.checkerProperties(),
                lab.out.resolve("logs/baseline-checker.log"))) {
            CheckerClient baselineClient = new CheckerClient(baseline, lab.out.resolve("observations-baseline"));
            for (String fixture : ReportRequests.FIXTURES) {
                JsonNode states = GoJson.mapper().readTree(client.post("/evaluate", ReportRequests.evaluate(fixture),
                        null)).path("states");
                byte[] html = ReportRequests.html(fixture, states);
                for (CheckerClient c : List.of(baselineClient, client)) {
                    String page = new String(c.post("/report", html, "text/html"), StandardCharsets.UTF_8);
                    if (!page.contains("What to fix")) {
                        throw new IllegalStateException("an HTML report of " + fixture + " has no \"What to fix\"");
                    }
                }
                Path body = dir.resolve(fixture + ".json");
                Files.write(body, html);
                boolean warm = false;
                for (String language : LANGUAGES) {
                    Path script = dir.resolve(fixture + (language.isEmpty() ? "" : "-" + language) + ".lua");
                    Files.writeString(script, "wrk.method = \"POST\"\n"
                            + "wrk.headers[\"Content-Type\"] = \"application/json\"\n"
                            + "wrk.headers[\"Accept\"] = \"text/html\"\n"
                            + (language.isEmpty() ? "" : "wrk.headers[\"Accept-Language\"] = \"" + language + "\"\n")
                            + "local f = assert(io.open(\"" + body + "\", \"rb\"))\n"
                            + "wrk.body = f:read(\"*a\")\nf:close()\n");
                    String before = baseline.uri("/report").toString();
                    String now = checker.uri("/report").toString();
                    if (!warm) {
                        ReportThroughputBench.wrk(script, before, ReportThroughputBench.WARM_UP_SECONDS);
                        ReportThroughputBench.wrk(script, now, ReportThroughputBench.WARM_UP_SECONDS);
                        warm = true;
                    }
                    List<Double> old = new ArrayList<>();
                    List<Double> current = new ArrayList<>();
                    for (int i = 0; i < PAIRS; i++) {
                        old.add(rate(script, before));
                        current.add(rate(script, now));
                    }
                    String what = "POST /report (HTML" + (language.isEmpty() ? "" : ", Accept-Language: " + language)
                            + "), " + fixture;
                    String how = "median req/s of " + PAIRS + " alternated wrk -t1 -c" + ReportThroughputBench.CONNECTIONS
                            + " -d" + ReportThroughputBench.SECONDS + "s: " + baselineName + " " + Stats.samples(old)
                            + ", this jar " + Stats.samples(current);
                    lab.figures.add("10 report side by side", what + ": new / baseline",
                            Figures.ratio(Stats.median(current) / Stats.median(old)), how);
                }
            }
        }
    }

    private static double rate(Path script, String url) throws Exception {
        String output = ReportThroughputBench.wrk(script, url, ReportThroughputBench.SECONDS);
        Matcher errors = ReportThroughputBench.ERRORS.matcher(output);
        if (errors.find()) {
            throw new IllegalStateException(url + ": wrk saw errors: " + errors.group() + "\n" + output);
        }
        Matcher rate = ReportThroughputBench.RATE.matcher(output);
        if (!rate.find()) {
            throw new IllegalStateException("no rate in wrk's output:\n" + output);
        }
        return Double.parseDouble(rate.group(1));
    }
}
