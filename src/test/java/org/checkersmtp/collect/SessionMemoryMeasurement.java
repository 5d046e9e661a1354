package org.checkersmtp.collect;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.checkersmtp.testsupport.ScriptedSmtpServer;
import org.checkersmtp.testsupport.ZoneDnsServer;

/**
 * How many concurrent SMTP sessions one instance holds within a memory budget: the measurement behind
 * the default of {@code checker.probe.max-parallel} (docs/configuration.md quotes its output). Not a
 * test: it starts the packaged service in its own JVM with the flags given, points it at a zone of
 * domains of 32 addresses each (two MX names of 16; 127.77.x.y, one scripted server per address, one port), opens N
 * sessions at once with N/32 concurrent {@code POST /collect}, holds them at a chosen point, and prints
 * the service's resident memory, threads and heap with N sessions open.
 *
 * <pre>
 * ./mvnw -q -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -Xss256k -cp target/test-classes:target/classes:$(cat target/cp.txt) \
 *   org.checkersmtp.collect.SessionMemoryMeasurement target/checker-smtp.jar tls 250,500,1000 -XX:MaxRAM=400m
 * </pre>
 * Scenarios: {@code greeting} (held before the greeting), {@code tls} (held inside TLS, the pipelined
 * group sent, before the first reply), {@code hostile} (an EHLO reply of {@code -Dehlo.kb} kilobytes,
 * 30 by default: just under {@code checker.smtp.max-session-bytes}, the most a server can make a session
 * hold, then held).
 */
public final class SessionMemoryMeasurement {

    private static final int PER_DOMAIN = 32;
    /** How long the servers hold each session (before the greeting, or before answering the group). */
    private static final Duration HOLD = Duration.ofSeconds(Long.getLong("hold", 40));
    private static final Pattern END = Pattern.compile("\"end\":\\{\"reason\":\"(\\w+)\",\"phase\":\"(\\w+)\"");
    private static final Pattern HEAP_USED = Pattern.compile(
            "(?m)^jvm_memory_used_bytes\\{area=\"heap\",[^}]*} ([0-9.E+]+)$");

    private SessionMemoryMeasurement() {}

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]);
        String scenario = args[1];
        List<Integer> steps = Arrays.stream(args[2].split(",")).map(Integer::parseInt).toList();
        List<String> jvmFlags = List.of(args).subList(3, args.length);
        int domains = (steps.stream().mapToInt(Integer::intValue).max().orElseThrow() + PER_DOMAIN - 1) / PER_DOMAIN;

        StringBuilder zone = new StringBuilder();
        List<InetAddress> addresses = new ArrayList<>();
        for (int d = 0; d < domains; d++) {
            for (int i = 0; i < PER_DOMAIN; i++) {
                int k = d * PER_DOMAIN + i;
                String address = "127.77." + (k / 250) + "." + (k % 250 + 1);
                addresses.add(InetAddress.getByName(address));
                // Two MX names of 16 addresses each: DNS keeps at most 16 addresses per name and family.
                String mx = "mx" + (i % 2) + ".d" + d + ".cap.test.";
                if (i < 2) {
                    zone.append("d").append(d).append(".cap.test. 300 IN MX 10 ").append(mx).append('\n');
                }
                zone.append(mx).append(" 300 IN A ").append(address).append('\n');
            }
        }
        List<ScriptedSmtpServer> servers = new ArrayList<>();
        try (ZoneDnsServer dns = new ZoneDnsServer(zone.toString())) {
            int port = 0;
            for (InetAddress address : addresses) {
                ScriptedSmtpServer server = scenario(scenario, ScriptedSmtpServer.builder().address(address).port(port))
                        .start();
                port = server.port();
                servers.add(server);
            }
            measure(jar, jvmFlags, dns, port, steps, servers, scenario);
        } finally {
            servers.forEach(ScriptedSmtpServer::close);
        }
    }

    private static ScriptedSmtpServer.Builder scenario(String name, ScriptedSmtpServer.Builder b) {
        return switch (name) {
            case "greeting" -> b.greetDelay(HOLD);
            case "tls" -> b.starttls().pause("MAIL", HOLD);
            case "hostile" -> {
                // An EHLO reply of -Dehlo.kb kilobytes in 2 KB lines: set it just under max-session-bytes.
                String[] extensions = new String[(int) Math.min(99, Long.getLong("ehlo.kb", 30) / 2)];
                Arrays.fill(extensions, "X-" + "A".repeat(2000));
                yield b.extensions(extensions).pause("MAIL", HOLD);
            }
            default -> throw new IllegalArgumentException("scenario: greeting, tls or hostile");
        };
    }

    private static void measure(Path jar, List<String> jvmFlags, ZoneDnsServer dns, int smtpPort, List<Integer> steps,
                                List<ScriptedSmtpServer> servers, String scenario) throws Exception {
        int httpPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            httpPort = s.getLocalPort();
        }
        int maxSessions = steps.stream().mapToInt(Integer::intValue).max().orElseThrow();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmFlags);
        command.addAll(List.of("-jar", jar.toString(), "--server.port=" + httpPort, "--server.address=127.0.0.1",
                "--checker.dns.servers=" + dns.address(), "--checker.smtp.port=" + smtpPort,
                "--checker.targets.allow-private=true", "--checker.probe.max-parallel=" + maxSessions,
                "--checker.probe.collect-timeout=120s", "--logging.level.root=WARN"));
        Path log = Files.createTempFile("checker-smtp-measure", ".log");
        Process app = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        try {
            String base = "http://127.0.0.1:" + httpPort;
            waitForHealth(http, base, app, log);
            collect(http, base, "d0.cap.test").join(); // warm-up: classes loaded, pools started
            Thread.sleep(HOLD.toMillis() + 2000);
            Sample idle = sample(http, base, app.pid());
            System.out.printf("scenario %s, JVM flags %s%n", scenario, jvmFlags);
            System.out.printf("idle: RSS %d MB, threads %d, heap used %d MB%n", idle.rssKb / 1024, idle.threads,
                    idle.heapBytes / 1024 / 1024);
            for (int sessions : steps) {
                List<CompletableFuture<HttpResponse<String>>> running = new ArrayList<>();
                for (int d = 0; d < sessions / PER_DOMAIN; d++) {
                    running.add(collect(http, base, "d" + d + ".cap.test"));
                }
                int expected = sessions / PER_DOMAIN * PER_DOMAIN;
                long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (servers.stream().mapToInt(ScriptedSmtpServer::openConnections).sum() < expected
                        && System.nanoTime() < until) {
                    Thread.sleep(200);
                }
                int open = servers.stream().mapToInt(ScriptedSmtpServer::openConnections).sum();
                Thread.sleep(5000); // every session at its holding point
                Sample peak = idle;
                for (int i = 0; i < 10; i++) {
                    peak = Sample.max(peak, sample(http, base, app.pid()));
                    Thread.sleep(1000);
                }
                java.util.Map<String, Integer> ends = new java.util.TreeMap<>();
                for (CompletableFuture<HttpResponse<String>> r : running) {
                    Matcher end = END.matcher(r.join().body());
                    while (end.find()) {
                        ends.merge(end.group(1) + " in " + end.group(2), 1, Integer::sum);
                    }
                }
                long failed = running.stream().map(CompletableFuture::join).filter(r -> r.statusCode() != 200).count();
                System.out.printf("%d sessions open (%d connections open at the servers): RSS %d MB, threads %d, heap used %d MB"
                                + " — %d KB RSS per session over idle; %d of %d collects failed%n",
                        expected, open, peak.rssKb / 1024, peak.threads, peak.heapBytes / 1024 / 1024,
                        (peak.rssKb - idle.rssKb) / Math.max(1, expected), failed, running.size());
                System.out.println("  sessions ended: " + ends);
                Thread.sleep(3000);
            }
        } finally {
            app.destroy();
            app.waitFor();
            System.out.println("service log: " + log);
        }
    }

    static CompletableFuture<HttpResponse<String>> collect(HttpClient http, String base, String domain) {
        String body = "{\"key\":\"smtp\",\"options\":{\"domain\":\"" + domain + "\",\"timeout\":60}}";
        return http.sendAsync(HttpRequest.newBuilder(URI.create(base + "/collect")).timeout(Duration.ofMinutes(3))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static void waitForHealth(HttpClient http, String base, Process app, Path log) throws Exception {
        for (int i = 0; i < 600; i++) {
            if (!app.isAlive()) {
                throw new IllegalStateException("the service exited: see " + log);
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // Still starting.
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the service did not answer /health: see " + log);
    }

    record Sample(long rssKb, int threads, long heapBytes) {
        static Sample max(Sample a, Sample b) {
            return new Sample(Math.max(a.rssKb, b.rssKb), Math.max(a.threads, b.threads),
                    Math.max(a.heapBytes, b.heapBytes));
        }
    }

    static Sample sample(HttpClient http, String base, long pid) throws Exception {
        long rss = 0;
        int threads = 0;
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                rss = Long.parseLong(line.replaceAll("\\D", ""));
            } else if (line.startsWith("Threads:")) {
                threads = Integer.parseInt(line.replaceAll("\\D", ""));
            }
        }
        String metrics = http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        long heap = 0;
        Matcher m = HEAP_USED.matcher(metrics);
        while (m.find()) {
            heap += (long) Double.parseDouble(m.group(1));
        }
        return new Sample(rss, threads, heap);
    }
}
