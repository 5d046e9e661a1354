package org.checkersmtp.collect;

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
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.checkersmtp.testsupport.ScriptedSmtpServer;
import org.checkersmtp.testsupport.ZoneDnsServer;

/**
 * The resident memory of the packaged service run with exactly the container's JVM flags (the Dockerfile's
 * JAVA_OPTS, read from it): idle, then under rounds of concurrent {@code POST /collect} with the TLS
 * posture (every address examined too), then idle again — the figures docs/deployment.md quotes. Not a
 * test: it starts the jar in its own JVM, from a temporary directory (so that no ./config applies), against
 * ten scripted STARTTLS servers on 127.0.0.50–59 and a zone of one domain per collect (two MX hosts each).
 *
 * <pre>
 * ./mvnw -q -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) \
 *   org.checkersmtp.collect.ServiceMemoryMeasurement target/checker-smtp.jar Dockerfile 50,100,200
 * </pre>
 */
public final class ServiceMemoryMeasurement {

    private static final Pattern JAVA_OPTS = Pattern.compile("(?s)ENV JAVA_OPTS=\"(.*?)\"");
    private static final int ADDRESSES = 10;

    private ServiceMemoryMeasurement() {}

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]).toAbsolutePath();
        Matcher opts = JAVA_OPTS.matcher(Files.readString(Path.of(args[1])));
        if (!opts.find()) {
            throw new IllegalArgumentException("no ENV JAVA_OPTS=\"…\" in " + args[1]);
        }
        List<String> javaOpts = Arrays.stream(opts.group(1).replace("\\\n", " ").trim().split("\\s+")).toList();
        List<Integer> rounds = Arrays.stream(args[2].split(",")).map(Integer::parseInt).toList();
        int domains = rounds.stream().mapToInt(Integer::intValue).max().orElseThrow();

        StringBuilder zone = new StringBuilder();
        for (int d = 0; d < domains; d++) {
            zone.append("d").append(d).append(".mem.test. 300 IN MX 10 mx1.d").append(d).append(".mem.test.\n")
                    .append("d").append(d).append(".mem.test. 300 IN MX 20 mx2.d").append(d).append(".mem.test.\n")
                    .append("mx1.d").append(d).append(".mem.test. 300 IN A 127.0.0.").append(50 + d % ADDRESSES)
                    .append('\n')
                    .append("mx2.d").append(d).append(".mem.test. 300 IN A 127.0.0.")
                    .append(50 + (d + 1) % ADDRESSES).append('\n');
        }
        List<ScriptedSmtpServer> servers = new ArrayList<>();
        try (ZoneDnsServer dns = new ZoneDnsServer(zone.toString())) {
            int port = 0;
            for (int i = 0; i < ADDRESSES; i++) {
                ScriptedSmtpServer server = ScriptedSmtpServer.builder()
                        .address(InetAddress.getByName("127.0.0." + (50 + i))).port(port).starttls()
                        .greetDelay(Duration.ofMillis(100)).reply("RCPT TO:<postmaster@example.com>", "554 5.7.1 no")
                        .start();
                port = server.port();
                servers.add(server);
            }
            measure(jar, javaOpts, dns, port, rounds);
        } finally {
            servers.forEach(ScriptedSmtpServer::close);
        }
    }

    private static void measure(Path jar, List<String> javaOpts, ZoneDnsServer dns, int smtpPort, List<Integer> rounds)
            throws Exception {
        int httpPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            httpPort = s.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(javaOpts);
        command.addAll(List.of("-jar", jar.toString(), "--server.port=" + httpPort, "--server.address=127.0.0.1",
                "--checker.dns.servers=" + dns.address(), "--checker.smtp.port=" + smtpPort,
                "--checker.targets.allow-private=true", "--checker.probe.result-cache=0s", "--logging.level.root=WARN"));
        Path cwd = Files.createTempDirectory("checker-smtp-memory");
        Path log = cwd.resolve("service.log");
        Process app = new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String base = "http://127.0.0.1:" + httpPort;
        try {
            SessionMemoryMeasurement.waitForHealth(http, base, app, log);
            System.out.printf("JAVA_OPTS %s%n", String.join(" ", javaOpts));
            print("started", SessionMemoryMeasurement.sample(http, base, app.pid()));
            tlsCollect(http, base, 0).join();
            Thread.sleep(20_000);
            print("idle after one check", SessionMemoryMeasurement.sample(http, base, app.pid()));
            for (int n : rounds) {
                AtomicLong peak = new AtomicLong();
                Thread sampler = new Thread(() -> {
                    while (!Thread.currentThread().isInterrupted()) {
                        peak.accumulateAndGet(rss(app.pid()), Math::max);
                        try {
                            Thread.sleep(50);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                });
                sampler.setDaemon(true);
                sampler.start();
                long t0 = System.nanoTime();
                List<CompletableFuture<HttpResponse<String>>> running = new ArrayList<>();
                for (int d = 0; d < n; d++) {
                    running.add(tlsCollect(http, base, d));
                }
                long failed = running.stream().map(CompletableFuture::join).filter(r -> r.statusCode() != 200).count();
                double seconds = (System.nanoTime() - t0) / 1e9;
                SessionMemoryMeasurement.Sample after = SessionMemoryMeasurement.sample(http, base, app.pid());
                sampler.interrupt();
                sampler.join();
                System.out.printf("%d concurrent collects with TLS posture: peak RSS %d MB (sampled every 50 ms), "
                                + "%.1f s, %d failed; just after: RSS %d MB, threads %d, heap used %d MB%n", n,
                        peak.get() / 1024, seconds, failed, after.rssKb() / 1024, after.threads(),
                        after.heapBytes() / 1024 / 1024);
            }
            Thread.sleep(30_000);
            print("idle 30 s after the load", SessionMemoryMeasurement.sample(http, base, app.pid()));
            System.out.printf("peak RSS over the whole run (VmHWM): %d MB%n", status(app.pid(), "VmHWM:") / 1024);
        } finally {
            app.destroy();
            app.waitFor();
            System.out.println("service log: " + log);
        }
    }

    private static CompletableFuture<HttpResponse<String>> tlsCollect(HttpClient http, String base, int d) {
        String body = "{\"key\":\"smtp\",\"options\":{\"domain\":\"d" + d + ".mem.test\",\"tls_posture\":true}}";
        return http.sendAsync(HttpRequest.newBuilder(URI.create(base + "/collect")).timeout(Duration.ofMinutes(5))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void print(String when, SessionMemoryMeasurement.Sample s) {
        System.out.printf("%s: RSS %d MB, threads %d, heap used %d MB%n", when, s.rssKb() / 1024, s.threads(),
                s.heapBytes() / 1024 / 1024);
    }

    private static long rss(long pid) {
        return status(pid, "VmRSS:");
    }

    private static long status(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (java.io.IOException ended) {
            // The process is gone.
        }
        return 0;
    }
}
