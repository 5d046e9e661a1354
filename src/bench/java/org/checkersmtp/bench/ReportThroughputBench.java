package org.checkersmtp.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.checkersmtp.json.GoJson;
import tools.jackson.databind.JsonNode;

/**
 * Benchmark 5 over HTTP: requests per second that wrk gets from the running jar for POST /evaluate,
 * metrics /report and HTML /report, on the 2- and 20-endpoint observations. wrk shares the machine's
 * cores with the jar, as a co-located load balancer would.
 */
final class ReportThroughputBench {

    /** Long enough for C2 to finish compiling the request path: after 5 s it still took a quarter of a core. */
    static final int WARM_UP_SECONDS = 20;
    static final int SECONDS = 10;
    static final int CONNECTIONS = 8;
    static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    static final Pattern ERRORS = Pattern.compile("Non-2xx or 3xx responses: (\\d+)|Socket errors: .*");

    private ReportThroughputBench() {}

    static void run(Lab lab, CheckerProcess checker, CheckerClient client) throws Exception {
        Path dir = Files.createDirectories(lab.out.resolve("wrk"));
        for (String fixture : ReportRequests.FIXTURES) {
            byte[] evaluate = ReportRequests.evaluate(fixture);
            JsonNode states = GoJson.mapper().readTree(client.post("/evaluate", evaluate, null)).path("states");
            byte[] html = ReportRequests.html(fixture, states);
            // The pages must be what users get, not an error page served fast.
            String page = new String(client.post("/report", html, "text/html"), StandardCharsets.UTF_8);
            if (!page.contains("What to fix")) {
                throw new IllegalStateException("the HTML report of " + fixture + " has no \"What to fix\"");
            }
            measure(lab, checker, dir, "/evaluate", "", fixture, evaluate, null);
            measure(lab, checker, dir, "/report", " (metrics)", fixture, ReportRequests.metrics(fixture), null);
            measure(lab, checker, dir, "/report", " (HTML)", fixture, html, "text/html");
        }
    }

    private static void measure(Lab lab, CheckerProcess checker, Path dir, String path, String variant, String fixture,
                                byte[] body, String accept) throws Exception {
        String route = "POST " + path + variant;
        String name = (path + variant).replaceAll("[^a-zA-Z]+", "-") + fixture;
        Path bodyFile = dir.resolve(name + ".json");
        Files.write(bodyFile, body);
        Path script = dir.resolve(name + ".lua");
        Files.writeString(script, "wrk.method = \"POST\"\n"
                + "wrk.headers[\"Content-Type\"] = \"application/json\"\n"
                + (accept == null ? "" : "wrk.headers[\"Accept\"] = \"" + accept + "\"\n")
                + "local f = assert(io.open(\"" + bodyFile + "\", \"rb\"))\n"
                + "wrk.body = f:read(\"*a\")\nf:close()\n");
        lab.figures.add("5 evaluate and report", route + ", " + fixture + " (req/s)",
                Figures.count(requestsPerSecond(script, checker.uri(path).toString(), route + " " + fixture)),
                "wrk -t1 -c" + CONNECTIONS + " -d" + SECONDS + "s after " + WARM_UP_SECONDS + " s warm-up, "
                        + body.length / 1024 + " KiB body");
    }

    /** wrk's requests per second on {@code url} after the warm-up; fails when wrk saw a non-2xx or a socket error. */
    static double requestsPerSecond(Path script, String url, String what) throws Exception {
        wrk(script, url, WARM_UP_SECONDS);
        String output = wrk(script, url, SECONDS);
        Matcher rate = RATE.matcher(output);
        if (!rate.find()) {
            throw new IllegalStateException("no rate in wrk's output:\n" + output);
        }
        Matcher errors = ERRORS.matcher(output);
        if (errors.find()) {
            throw new IllegalStateException(what + ": wrk saw errors: " + errors.group() + "\n" + output);
        }
        return Double.parseDouble(rate.group(1));
    }

    static String wrk(Path script, String url, int seconds) throws Exception {
        Process p = new ProcessBuilder("wrk", "-t1", "-c" + CONNECTIONS, "-d" + seconds + "s", "--timeout", "10s", "-s",
                script.toString(),
                url).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(seconds + 30L, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException("wrk failed:\n" + output);
        }
        return output;
    }
}
