package org.checkersmtp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.checkersmtp.CheckerSmtpApplication;
import org.checkersmtp.json.GoJson;
import org.checkersmtp.testsupport.ScriptedSmtpServer;
import org.checkersmtp.testsupport.ZoneDnsServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code check --via}: the command line asking a real instance (this test's service on a random port,
 * behind a token policy) to check a domain served by scripted MX servers, against the same check made
 * locally; and, against a JDK HTTP server playing a broken instance, every way an instance can fail to
 * answer, each UNKNOWN with its reason, never a verdict.
 */
@SpringBootTest(classes = CheckerSmtpApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
    "checker.targets.allow-private=true",
    // Nobody's address is allowed: only the token opens the API.
    "checker.api.allowed-networks=198.51.100.0/24",
    "checker.api.token=" + CheckViaTest.TOKEN,
})
class CheckViaTest {

    static final String TOKEN = "0123456789abcdef0123456789abcdef";

    private static final ScriptedSmtpServer CLEAN;
    private static final ScriptedSmtpServer RELAY;
    private static final ZoneDnsServer DNS;

    static {
        try {
            CLEAN = ScriptedSmtpServer.builder().address(InetAddress.getByName("127.0.0.57")).port(0)
                    .hostname("mx.clean.test").greeting("220 mx.clean.test ESMTP").starttls()
                    .reply("RCPT TO:<postmaster@example.com>", "554 5.7.1 Relay access denied").start();
            RELAY = ScriptedSmtpServer.builder().address(InetAddress.getByName("127.0.0.58")).port(CLEAN.port())
                    .hostname("mx.relay.test").greeting("220 mx.relay.test ESMTP").starttls().start();
            DNS = new ZoneDnsServer(String.join("\n",
                    "clean.test. 300 IN MX 10 mx.clean.test.",
                    "mx.clean.test. 300 IN A 127.0.0.57",
                    "57.0.0.127.in-addr.arpa. 300 IN PTR mx.clean.test.",
                    "relay.test. 300 IN MX 10 mx.relay.test.",
                    "mx.relay.test. 300 IN A 127.0.0.58",
                    "58.0.0.127.in-addr.arpa. 300 IN PTR mx.relay.test."));
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @DynamicPropertySource
    static void fixtures(DynamicPropertyRegistry registry) {
        registry.add("checker.dns.servers", DNS::address);
        registry.add("checker.smtp.port", CLEAN::port);
    }

    @AfterAll
    static void stop() {
        CLEAN.close();
        RELAY.close();
        DNS.close();
    }

    @LocalServerPort
    int port;

    record Run(int exit, String out) {
        String firstLine() {
            return out.lines().findFirst().orElse("");
        }

        /** The report without what differs between two runs of one check: its durations. */
        String timeless() {
            return out.replaceAll("time=[0-9.]+s", "time=…").replaceAll("[0-9]+([ \u00a0])ms\\b", "…$1ms");
        }
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        int exit = CheckCommand.run(args, CheckCommand.Console.of(new PrintStream(out, true, StandardCharsets.UTF_8),
                err, false, Map.of()));
        return new Run(exit, out.toString(StandardCharsets.UTF_8));
    }

    private Run via(String... args) {
        List<String> all = new ArrayList<>(List.of("--via", "http://127.0.0.1:" + port, "--token", TOKEN));
        all.addAll(List.of(args));
        return run(all.toArray(new String[0]));
    }

    private static Run local(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--dns", DNS.address(), "--checker.smtp.port=" + CLEAN.port(),
                "--checker.targets.allow-private=true"));
        return run(all.toArray(new String[0]));
    }

    @Test
    void viaTheInstanceTheReportIsTheOneALocalCheckPrints() {
        for (String domain : List.of("clean.test", "relay.test")) {
            Run here = local(domain, "--no-tls-posture");
            Run there = via(domain, "--no-tls-posture");
            assertThat(there.exit()).as(there.out()).isEqualTo(here.exit());
            assertThat(there.timeless()).isEqualTo(here.timeless());
        }
        Run relay = via("relay.test", "--no-tls-posture");
        assertThat(relay.exit()).isEqualTo(2);
        assertThat(relay.firstLine()).matches("SMTP CRITICAL - relay\\.test: 1 critical \\(smtp\\.open_relay at "
                + "mx\\.relay\\.test/127\\.0\\.0\\.58\\); 1 of 1 endpoint reachable \\| endpoints=1;;;0 reachable=1;;;0 "
                + "time=[0-9]+\\.[0-9]{3}s;;;0");
    }

    /** --lang fr asks the instance for French findings (its states come without their templates): the French report. */
    @Test
    void viaTheInstanceTheFrenchReportIsTheOneALocalCheckPrints() {
        Run here = local("relay.test", "--no-tls-posture", "--lang", "fr");
        Run there = via("relay.test", "--no-tls-posture", "--lang", "fr");
        assertThat(there.exit()).as(there.out()).isEqualTo(2);
        assertThat(there.out()).contains("est un relais ouvert\u00a0: il a accepté un message de <")
                .contains("\n        Correction\u00a0: Postfix\u00a0: smtpd_relay_restrictions = permit_mynetworks")
                .contains("\n        Reproduire\u00a0: swaks --server 127.0.0.58 --port 25")
                .doesNotContain("is an open relay");
        assertThat(there.timeless()).isEqualTo(here.timeless());
        Run json = via("relay.test", "--no-tls-posture", "--lang", "fr", "--json");
        assertThat(json.out()).contains("is an open relay").doesNotContain("relais ouvert");
    }

    @Test
    void theTlsPostureAndTheProbeFlagsReachTheInstance() {
        Run here = local("clean.test", "--no-open-relay", "--helo", "probe.example.net", "--json");
        Run there = via("clean.test", "--no-open-relay", "--helo", "probe.example.net", "--json");
        assertThat(there.exit()).isEqualTo(here.exit());
        assertThat(there.out()).contains("\"tls_posture\":{").contains("\"helo_name\":\"probe.example.net\"")
                .contains("\"test_open_relay\":false");
    }

    @Test
    void aRefusingInstanceIsUnknownWithTheReasonNeverCritical() {
        Run noToken = run("--via", "http://127.0.0.1:" + port, "relay.test", "--no-tls-posture");
        assertThat(noToken.exit()).isEqualTo(3);
        assertThat(noToken.out()).isEqualTo("SMTP UNKNOWN - --via http://127.0.0.1:" + port + ": /collect answered "
                + "401: the instance wants a token (--token): missing bearer token\n");

        Run wrongToken = run("--via", "http://127.0.0.1:" + port, "--token", "not-the-token", "relay.test");
        assertThat(wrongToken.exit()).isEqualTo(3);
        assertThat(wrongToken.firstLine()).endsWith("/collect answered 401: the instance wants a token (--token): "
                + "invalid bearer token");
    }

    @Test
    void badInputIsRefusedBeforeAnythingIsSent() {
        assertThat(run("--via", "ftp://127.0.0.1/", "clean.test").out())
                .isEqualTo("SMTP UNKNOWN - invalid --via: must start with http:// or https://\n");
        assertThat(run("--via", "http://127.0.0.1:" + port + "/?x=1", "clean.test").firstLine())
                .startsWith("SMTP UNKNOWN - invalid --via: must be http(s)://HOST[:PORT][/PATH]");
        assertThat(via("clean.test", "--dns", "127.0.0.1:53").firstLine())
                .isEqualTo("SMTP UNKNOWN - --dns and --name=value configure a check made here; with --via the "
                        + "instance's configuration applies");
        assertThat(via("clean.test", "--via-timeout", "0").exit()).isEqualTo(3);
        assertThat(run("clean.test", "--token", TOKEN).firstLine()).isEqualTo("SMTP UNKNOWN - --token goes with --via");
    }

    @Test
    void anInstanceThatFailsOrAnswersGarbageIsUnknownWithTheReason() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        CountDownLatch never = new CountDownLatch(1);
        HttpServer broken = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        broken.createContext("/garbage/collect", exchange -> respond(exchange, 200, "<html>a login page</html>"));
        broken.createContext("/busy/collect", exchange -> {
            exchange.getResponseHeaders().add("Retry-After", "30");
            respond(exchange, 429, "{\"error\":\"rate limited\"}");
        });
        broken.createContext("/failing/collect", exchange -> respond(exchange, 500, "{\"error\":\"collector failed\"}"));
        broken.createContext("/huge/collect", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            byte[] chunk = new byte[64 * 1024];
            try (var body = exchange.getResponseBody()) {
                for (int i = 0; i < 200; i++) { // 12.5 MiB, more than the client reads
                    body.write(chunk);
                }
            } catch (java.io.IOException closedByTheClient) {
                // expected
            }
        });
        broken.createContext("/silent/collect", exchange -> {
            requests.incrementAndGet();
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        // A real observation, then states that are not a list.
        String collected = new String(GoJson.encode(Map.of("data", GoJson.mapper()
                .readTree(local("clean.test", "--no-tls-posture", "--json").out()).get("observation"))),
                StandardCharsets.UTF_8);
        broken.createContext("/nostates/collect", exchange -> respond(exchange, 200, collected));
        broken.createContext("/nostates/evaluate", exchange -> respond(exchange, 200, "{\"states\":\"none\"}"));
        broken.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        broken.start();
        String base = "http://127.0.0.1:" + broken.getAddress().getPort();
        try {
            try (java.net.ServerSocket closed = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                String nobody = "http://127.0.0.1:" + closed.getLocalPort();
                closed.close();
                assertThat(run("--via", nobody, "clean.test").firstLine())
                        .isEqualTo("SMTP UNKNOWN - --via " + nobody + ": /collect: cannot connect: refused or unreachable");
            }
            assertThat(run("--via", base + "/garbage", "clean.test").firstLine()).endsWith(
                    "/collect answered 200 with something that is not a JSON object (is --via the instance's base URL?)");
            assertThat(run("--via", base + "/busy", "clean.test").firstLine())
                    .endsWith("/collect answered 429: the instance is over a rate limit, retry after 30 s: rate limited");
            assertThat(run("--via", base + "/failing", "clean.test").firstLine())
                    .endsWith("/collect answered 500: the instance failed: collector failed");
            assertThat(run("--via", base + "/huge", "clean.test").firstLine()).endsWith("/collect: answer over 4 MiB");
            assertThat(run("--via", base + "/nostates", "clean.test").firstLine())
                    .endsWith("/evaluate answered no states");
            long start = System.nanoTime();
            Run silent = run("--via", base + "/silent", "--via-timeout", "1.5", "clean.test");
            assertThat((System.nanoTime() - start) / 1e9).isLessThan(5);
            assertThat(silent.firstLine()).endsWith("/collect: no answer within 1.5 s (--via-timeout)");
            assertThat(requests).hasValue(1);
            for (String path : List.of("/garbage", "/busy", "/failing", "/huge", "/silent")) {
                Run r = run("--via", base + path, "--via-timeout", "1.5", "clean.test");
                assertThat(r.exit()).as(path).isEqualTo(3);
                assertThat(r.out().lines().count()).as(path).isEqualTo(1);
            }
        } finally {
            never.countDown();
            broken.stop(0);
        }
    }

    private static void respond(com.sun.net.httpserver.HttpExchange exchange, int status, String body)
            throws java.io.IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
