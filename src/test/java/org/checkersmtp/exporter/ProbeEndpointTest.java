package org.checkersmtp.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.checkersmtp.testsupport.ScriptedSmtpServer;
import org.checkersmtp.testsupport.ZoneDnsServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * /probe over real HTTP against scripted mail servers on loopback (all on one port, one address each): the
 * series of an open relay, the politeness (a second scrape and concurrent scrapes open no further session, the
 * servers count them), the scrape deadline against a server that never greets, and OpenMetrics on request.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "checker.targets.allow-private=true",
    "checker.exporter.min-interval=5m",
    "checker.exporter.modules.plain.tls-posture=false",
    "checker.exporter.modules.plain.timeout=5",
})
@DirtiesContext
class ProbeEndpointTest {

    /** Accepts every RCPT (an open relay), offers STARTTLS. */
    private static final ScriptedSmtpServer RELAY;
    /** Greets after a second: two scrapes arrive while its check runs. */
    private static final ScriptedSmtpServer SLOW;
    /** Accepts the connection and never says a word. */
    private static final ScriptedSmtpServer SILENT;
    private static final ZoneDnsServer DNS;

    static {
        try {
            RELAY = ScriptedSmtpServer.builder().address(InetAddress.getByName("127.0.0.70")).port(0)
                    .hostname("mx1.probe.test").greeting("220 mx1.probe.test ESMTP").starttls().start();
            SLOW = ScriptedSmtpServer.builder().address(InetAddress.getByName("127.0.0.71")).port(RELAY.port())
                    .hostname("mx2.probe.test").greetDelay(Duration.ofSeconds(1)).start();
            SILENT = ScriptedSmtpServer.builder().address(InetAddress.getByName("127.0.0.72")).port(RELAY.port())
                    .hostile(ScriptedSmtpServer.Hostile.NEVER_GREET).start();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        DNS = new ZoneDnsServer(String.join("\n",
                "relay.probe.test. 300 IN MX 10 mx1.probe.test.",
                "again.probe.test. 300 IN MX 10 mx1.probe.test.",
                "om.probe.test. 300 IN MX 10 mx1.probe.test.",
                "shared.probe.test. 300 IN MX 10 mx2.probe.test.",
                "silent.probe.test. 300 IN MX 10 mx3.probe.test.",
                "mx1.probe.test. 300 IN A 127.0.0.70",
                "mx2.probe.test. 300 IN A 127.0.0.71",
                "mx3.probe.test. 300 IN A 127.0.0.72"));
    }

    @DynamicPropertySource
    static void fixtures(DynamicPropertyRegistry registry) {
        registry.add("checker.dns.servers", DNS::address);
        registry.add("checker.smtp.port", RELAY::port);
    }

    @AfterAll
    static void stop() {
        RELAY.close();
        SLOW.close();
        SILENT.close();
        DNS.close();
    }

    @LocalServerPort
    int port;

    private Scrapes scrapes() {
        return new Scrapes(port);
    }

    @Test
    void anOpenRelayReadsAsOnePerMxAndFamilyWithItsCertificateAndRuleStates() throws Exception {
        Scrapes.Scrape s = scrapes().get("?target=relay.probe.test&module=plain");
        assertThat(s.status()).as(s.body()).isEqualTo(200);
        assertThat(s.contentType()).startsWith("text/plain;version=0.0.4");
        assertThat(s.get("checker_probe_success")).isEqualTo(1);
        assertThat(s.get("checker_probe_incomplete")).isZero();
        assertThat(s.get("checker_probe_mx_open_relay", "mx", "mx1.probe.test", "family", "ipv4")).isEqualTo(1);
        assertThat(s.get("checker_probe_mx_reachable", "mx", "mx1.probe.test", "family", "ipv4")).isEqualTo(1);
        assertThat(s.get("checker_probe_mx_starttls_offered", "mx", "mx1.probe.test", "family", "ipv4")).isEqualTo(1);
        assertThat(s.get("checker_probe_mx_postmaster_accepted", "mx", "mx1.probe.test")).isEqualTo(1);
        assertThat(s.get("checker_probe_mx_certificate_not_after_timestamp_seconds", "mx", "mx1.probe.test"))
                .isEqualTo(RELAY.certificate().getNotAfter().getTime() / 1000.0);
        assertThat(s.get("checker_probe_rule_state", "rule", "smtp.open_relay")).as("crit").isEqualTo(4);
        assertThat(s.get("checker_probe_verdict_state")).isEqualTo(4);
        assertThat(s.get("checker_probe_mx_hosts")).isEqualTo(1);
        assertThat(s.get("checker_probe_info", "module", "plain")).isEqualTo(1);
        assertThat(s.samples()).allSatisfy(sample -> {
            assertThat(sample.labels()).doesNotContainKey("instance");
            assertThat(sample.labels().values()).noneMatch(v -> v.contains("127.0.0."));
        });
    }

    @Test
    void aSecondScrapeWithinTheIntervalOpensNoSessionAndSaysHowOldTheResultIs() throws Exception {
        Scrapes.Scrape first = scrapes().get("?target=again.probe.test");
        assertThat(first.get("checker_probe_result_age_seconds")).isZero();
        int sessions = RELAY.connections();
        Thread.sleep(1100);
        Scrapes.Scrape second = scrapes().get("?target=AGAIN.probe.test.");
        assertThat(RELAY.connections()).as("no new connection, SMTP or TLS").isEqualTo(sessions);
        assertThat(second.get("checker_probe_result_age_seconds")).isGreaterThanOrEqualTo(1.0);
        assertThat(second.get("checker_probe_run_timestamp_seconds"))
                .isEqualTo(first.get("checker_probe_run_timestamp_seconds"));

        scrapes().get("?target=again.probe.test&module=plain");
        assertThat(RELAY.connections()).as("another module's options are another check").isEqualTo(sessions + 1);
    }

    @Test
    void twoConcurrentScrapesShareOneCheck() throws Exception {
        String query = "?target=shared.probe.test&module=plain";
        CompletableFuture<Scrapes.Scrape> a = CompletableFuture.supplyAsync(() -> scrape(query));
        CompletableFuture<Scrapes.Scrape> b = CompletableFuture.supplyAsync(() -> scrape(query));
        assertThat(a.get().get("checker_probe_success")).isEqualTo(1);
        assertThat(b.get().get("checker_probe_success")).isEqualTo(1);
        assertThat(SLOW.connections()).isEqualTo(1);
        assertThat(a.get().get("checker_probe_run_timestamp_seconds"))
                .isEqualTo(b.get().get("checker_probe_run_timestamp_seconds"));
    }

    @Test
    void aThreeSecondScrapeTimeoutAgainstASilentServerAnswersInTimeMarkedIncomplete() throws Exception {
        long start = System.nanoTime();
        Scrapes.Scrape s = scrapes().get("?target=silent.probe.test", ProbeController.SCRAPE_TIMEOUT, "3");
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(took).isLessThan(Duration.ofSeconds(3));
        assertThat(s.status()).isEqualTo(200);
        assertThat(s.get("checker_probe_incomplete")).isEqualTo(1);
        assertThat(s.value("checker_probe_mx_starttls_offered")).as("no EHLO came: not known").isEmpty();
    }

    @Test
    void openMetricsWhenTheScraperAsksForIt() throws Exception {
        Scrapes.Scrape s = scrapes().get("?target=om.probe.test&module=plain", "Accept",
                "application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5");
        assertThat(s.contentType()).startsWith("application/openmetrics-text;version=1.0.0");
        assertThat(s.body()).contains("# TYPE checker_probe info\n", "# UNIT checker_probe_duration_seconds seconds\n")
                .endsWith("# EOF\n");
        assertThat(s.get("checker_probe_mx_open_relay", "mx", "mx1.probe.test")).isEqualTo(1);
    }

    private Scrapes.Scrape scrape(String query) {
        try {
            return scrapes().get(query);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
