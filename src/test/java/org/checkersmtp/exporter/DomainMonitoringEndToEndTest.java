package org.checkersmtp.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.checkersmtp.json.GoJson;
import org.checkersmtp.testsupport.ZoneDnsServer;
import org.checkersmtp.testsupport.realservers.PostfixInstance;
import org.checkersmtp.testsupport.realservers.PostfixInstance.Personality;
import org.checkersmtp.testsupport.realservers.RealServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The monitoring set-up as shipped, end to end: a real Prometheus with config/prometheus.yml (rewritten only
 * for addresses, ports, file paths and shorter intervals), config/domain-alerts.yml unchanged and a targets
 * file in config/mail-domains.yml's form, scraping /probe of this service for a domain served by a real Postfix
 * open relay, a clean one, and one outside checker.targets.allowed-domains. Prometheus' HTTP API then has the
 * series of both, fires MailDomainOpenRelay from the shipped rules for the relay alone, and knows every series
 * the shipped rules and dashboard name.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "checker.targets.allow-private=true",
    "checker.targets.allowed-domains=monitor.test",
})
@DirtiesContext
class DomainMonitoringEndToEndTest {

    private static final Path CONFIG = Path.of("config");
    private static final Duration WAIT = Duration.ofSeconds(90);

    private static ZoneDnsServer dns;
    private static PostfixInstance relay;
    private static PostfixInstance clean;
    private static Path dir;
    private static Process prometheus;
    private static int prometheusPort;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startMailServers() {
        Path binary = RealServers.binary("prometheus", "/usr/bin/prometheus");
        assertThat(binary).isNotNull();
        relay = PostfixInstance.start(Personality.OPEN_RELAY, "127.0.0.84", "relay.monitor.test", false);
        clean = PostfixInstance.start(Personality.GOOD, "127.0.0.85", "clean.monitor.test", false);
        dns = new ZoneDnsServer(String.join("\n",
                "relay.monitor.test. 300 IN MX 10 mx.relay.monitor.test.",
                "mx.relay.monitor.test. 300 IN A 127.0.0.84",
                "clean.monitor.test. 300 IN MX 10 mx.clean.monitor.test.",
                "mx.clean.monitor.test. 300 IN A 127.0.0.85"));
    }

    @DynamicPropertySource
    static void fixtures(DynamicPropertyRegistry registry) {
        registry.add("checker.dns.servers", () -> dns.address());
    }

    @AfterAll
    static void stopAll() {
        if (prometheus != null) {
            prometheus.destroy();
        }
        for (AutoCloseable server : new AutoCloseable[] {relay, clean, dns}) {
            try {
                if (server != null) {
                    server.close();
                }
            } catch (Exception ignored) {
                // Best effort.
            }
        }
        RealServers.deleteRecursively(dir);
    }

    @LocalServerPort
    int port;

    @Test
    void prometheusScrapesTheDomainsAndFiresTheOpenRelayAlertFromTheShippedRules() throws Exception {
        startPrometheus();

        JsonNode relayed = awaitQuery("checker_probe_mx_open_relay", r -> r.size() == 2);
        assertThat(value(relayed, "relay.monitor.test", "mx.relay.monitor.test")).isEqualTo("1");
        assertThat(value(relayed, "clean.monitor.test", "mx.clean.monitor.test")).isEqualTo("0");
        JsonNode starttls = awaitQuery("checker_probe_mx_starttls_offered", r -> r.size() == 2);
        assertThat(value(starttls, "clean.monitor.test", "mx.clean.monitor.test")).isEqualTo("1");
        JsonNode refused = awaitQuery("checker_probe_refused", r -> r.size() == 1);
        assertThat(refused.get(0).get("metric").get("instance").asString()).isEqualTo("outside.test");
        assertThat(refused.get(0).get("metric").get("reason").asString()).isEqualTo("allowed_domains");
        assertThat(refused.get(0).get("metric").get("team").asString()).as("the targets file's labels")
                .isEqualTo("mail");

        JsonNode alerts = await("/api/v1/alerts", data -> firing(data, "MailDomainOpenRelay").size() == 1);
        JsonNode alert = firing(alerts, "MailDomainOpenRelay").get(0);
        assertThat(alert.get("labels").get("instance").asString()).isEqualTo("relay.monitor.test");
        assertThat(alert.get("labels").get("mx").asString()).isEqualTo("mx.relay.monitor.test");
        assertThat(alert.get("labels").get("severity").asString()).isEqualTo("critical");

        // Every series the shipped rules and dashboard name is one Prometheus has from these scrapes.
        Set<String> named = new TreeSet<>();
        for (String file : List.of("domain-alerts.yml", "grafana-dashboard.json")) {
            Matcher m = Pattern.compile("checker_probe_[a-z_]+").matcher(Files.readString(CONFIG.resolve(file)));
            while (m.find()) {
                named.add(m.group());
            }
        }
        assertThat(named).hasSizeGreaterThan(8);
        JsonNode names = get("/api/v1/label/__name__/values").get("data");
        Set<String> known = new TreeSet<>();
        names.forEach(n -> known.add(n.asString()));
        assertThat(known).containsAll(named);
    }

    private void startPrometheus() throws Exception {
        dir = Files.createTempDirectory("checker-prometheus-");
        try (ServerSocket free = new ServerSocket(0)) {
            prometheusPort = free.getLocalPort();
        }
        String service = "127.0.0.1:" + port;
        String config = Files.readString(CONFIG.resolve("prometheus.yml"))
                .replace("scrape_interval: 30s", "scrape_interval: 2s")
                .replace("evaluation_interval: 30s", "evaluation_interval: 1s")
                .replace("scrape_interval: 1m", "scrape_interval: 5s")
                .replace("scrape_timeout: 55s", "scrape_timeout: 5s")
                .replace("refresh_interval: 5m", "refresh_interval: 1s")
                .replace("checker-smtp.internal:8080", service)
                .replaceAll("checker-smtp-[0-9]\\.internal:8080", service);
        assertThat(config).contains("job_name: mail-domains", "- mail-domains.yml", "- domain-alerts.yml");
        Files.writeString(dir.resolve("prometheus.yml"), config);
        for (String rules : List.of("alerts.yml", "domain-alerts.yml")) {
            Files.copy(CONFIG.resolve(rules), dir.resolve(rules));
        }
        String targets = Files.readString(CONFIG.resolve("mail-domains.yml"))
                .replace("- example.org", "- relay.monitor.test")
                .replace("- example.net", "- clean.monitor.test\n    - outside.test");
        assertThat(targets).contains("relay.monitor.test", "outside.test");
        Files.writeString(dir.resolve("mail-domains.yml"), targets);
        prometheus = new ProcessBuilder(RealServers.binary("prometheus", "/usr/bin/prometheus").toString(),
                "--config.file=" + dir.resolve("prometheus.yml"), "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + prometheusPort)
                .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
        await("/-/ready", null);
    }

    private static List<JsonNode> firing(JsonNode data, String name) {
        List<JsonNode> out = new ArrayList<>();
        data.get("alerts").forEach(a -> {
            if (a.get("labels").get("alertname").asString().equals(name)
                    && a.get("state").asString().equals("firing")) {
                out.add(a);
            }
        });
        return out;
    }

    private static String value(JsonNode result, String instance, String mx) {
        for (JsonNode r : result) {
            if (r.get("metric").get("instance").asString().equals(instance)
                    && r.get("metric").get("mx").asString().equals(mx)) {
                assertThat(r.get("metric").get("job").asString()).isEqualTo("mail-domains");
                return r.get("value").get(1).asString();
            }
        }
        throw new AssertionError("no series for " + instance + " " + mx + " in " + result);
    }

    private JsonNode awaitQuery(String query, Predicate<JsonNode> until) throws Exception {
        return await("/api/v1/query?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8),
                data -> until.test(data.get("result"))).get("result");
    }

    /** Polls Prometheus until the answer's data satisfies {@code until} (any 200 when null). */
    private JsonNode await(String path, Predicate<JsonNode> until) throws Exception {
        long end = System.nanoTime() + WAIT.toNanos();
        String last = "";
        while (System.nanoTime() < end) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + prometheusPort + path)).build(),
                        HttpResponse.BodyHandlers.ofString());
                last = r.statusCode() + " " + r.body();
                if (r.statusCode() == 200) {
                    if (until == null) {
                        return null;
                    }
                    JsonNode data = GoJson.mapper().readTree(r.body()).get("data");
                    if (until.test(data)) {
                        return data;
                    }
                }
            } catch (java.io.IOException notYet) {
                last = notYet.toString();
            }
            Thread.sleep(500);
        }
        throw new AssertionError("Prometheus did not answer " + path + " as expected within " + WAIT + ": " + last
                + "\n" + Files.readString(dir.resolve("prometheus.log")));
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + prometheusPort + path)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return GoJson.mapper().readTree(r.body());
    }
}
