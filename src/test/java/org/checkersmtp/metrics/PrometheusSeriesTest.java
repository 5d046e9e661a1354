package org.checkersmtp.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.checkersmtp.check.CheckPipeline;
import org.checkersmtp.check.CheckResult;
import org.checkersmtp.check.EntryPoint;
import org.checkersmtp.collect.CollectListener;
import org.checkersmtp.json.GoJson;
import org.checkersmtp.options.CheckOptions;
import org.checkersmtp.rules.Rule;
import org.checkersmtp.rules.RuleEvaluator;
import org.checkersmtp.rules.Status;
import org.checkersmtp.testsupport.PrometheusText;
import org.checkersmtp.testsupport.PrometheusText.Sample;
import org.checkersmtp.testsupport.ScriptedSmtpServer;
import org.checkersmtp.testsupport.ZoneDnsServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Checks run through the API (over HTTP) and through the pipeline as the /check page calls it, against a
 * scripted open relay and a refusing address on loopback; then /actuator/prometheus, read over HTTP as
 * Prometheus reads it, has the checker_ series with their labels, and no label value names a domain, a
 * host or an address.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class PrometheusSeriesTest {

    /** Listens on 127.0.0.50; 127.0.0.51 has nothing on that port and refuses. Accepts any RCPT: an open relay. */
    private static final ScriptedSmtpServer SMTP;
    private static final ZoneDnsServer DNS;

    static {
        try {
            SMTP = ScriptedSmtpServer.builder().address(InetAddress.getByName("127.0.0.50")).port(0)
                    .hostname("mx1.metrics.test").greeting("220 mx1.metrics.test ESMTP").starttls().start();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        DNS = new ZoneDnsServer(String.join("\n",
                "metrics.test. 300 IN MX 10 mx1.metrics.test.",
                "metrics.test. 300 IN MX 20 mx2.metrics.test.",
                "mx1.metrics.test. 300 IN A 127.0.0.50",
                "mx2.metrics.test. 300 IN A 127.0.0.51",
                "50.0.0.127.in-addr.arpa. 300 IN PTR mx1.metrics.test.",
                "broken.test. 300 IN MX 10 mx.broken.test."))
                .misbehave("broken.test", ZoneDnsServer.Misbehaviour.SERVFAIL);
    }

    @DynamicPropertySource
    static void fixtures(DynamicPropertyRegistry registry) {
        registry.add("checker.dns.servers", DNS::address);
        registry.add("checker.smtp.port", SMTP::port);
        registry.add("checker.targets.allow-private", () -> "true");
    }

    @AfterAll
    static void stop() {
        SMTP.close();
        DNS.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    CheckPipeline pipeline;

    @Autowired
    RuleEvaluator evaluator;

    private final HttpClient http = HttpClient.newHttpClient();

    private String post(String path, String body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path + " " + r.body()).isEqualTo(200);
        return r.body();
    }

    private List<Sample> scrape() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/actuator/prometheus")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return PrometheusText.parse(r.body());
    }

    private static double value(List<Sample> samples, String name, String... labels) {
        Map<String, String> wanted = new LinkedHashMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            wanted.put(labels[i], labels[i + 1]);
        }
        return samples.stream().filter(s -> s.name().equals(name) && s.labels().entrySet().containsAll(wanted.entrySet()))
                .mapToDouble(Sample::value).reduce(Double::sum)
                .orElseThrow(() -> new AssertionError("no series " + name + wanted));
    }

    /** A label value is one lower-case word ("crit", "tls_handshake") or upper-case record type ("AAAA"). */
    private static final Pattern WORD = Pattern.compile("[a-z][a-z0-9_]*|[A-Z]+");
    private static final Pattern BUCKET = Pattern.compile("\\+Inf|[0-9]+(\\.[0-9]+)?(E-?[0-9]+)?");

    @Test
    void checksShowUpInCheckerSeriesWhoseLabelsNeverNameWhatWasChecked() throws Exception {
        String collected = post("/collect", "{\"options\":{\"domain\":\"metrics.test\",\"timeout\":5}}");
        post("/evaluate", "{\"observations\":{\"smtp\":" + GoJson.mapper().readTree(collected).get("data") + "}}");
        post("/collect", "{\"options\":{\"domain\":\"broken.test\",\"timeout\":5}}");
        CheckResult web = pipeline.check(CheckOptions.defaults("metrics.test"), EntryPoint.WEB, CollectListener.NONE);
        assertThat(web.verdict()).isEqualTo(Status.CRIT);

        List<Sample> samples = scrape();

        assertThat(value(samples, "checker_checks_started_total", "entry_point", "api")).isEqualTo(2);
        assertThat(value(samples, "checker_checks_started_total", "entry_point", "web")).isEqualTo(1);
        assertThat(value(samples, "checker_checks_started_total", "entry_point", "cli")).isZero();
        assertThat(value(samples, "checker_checks_finished_total", "entry_point", "api", "outcome", "collected"))
                .isEqualTo(2);
        assertThat(value(samples, "checker_checks_finished_total", "entry_point", "web", "outcome", "crit"))
                .isEqualTo(1);
        assertThat(value(samples, "checker_checks_in_flight", "entry_point", "web")).isZero();
        assertThat(value(samples, "checker_check_duration_seconds_count", "entry_point", "web")).isEqualTo(1);
        assertThat(value(samples, "checker_check_duration_seconds_bucket", "entry_point", "web", "le", "+Inf"))
                .isEqualTo(1);

        for (String phase : List.of("dns_mx", "queue", "connect", "greeting", "ehlo", "starttls", "tls_handshake",
                "ehlo_tls", "quit")) {
            assertThat(value(samples, "checker_phase_duration_seconds_count", "phase", phase)).as(phase).isPositive();
        }
        // Two checks of metrics.test by the collector: each reached mx1 and was refused by mx2.
        assertThat(value(samples, "checker_endpoints_total", "outcome", "reachable")).isEqualTo(2);
        assertThat(value(samples, "checker_endpoints_total", "outcome", "connection_refused")).isEqualTo(2);
        assertThat(value(samples, "checker_smtp_sessions_total", "end", "completed")).isEqualTo(2);
        assertThat(value(samples, "checker_smtp_sessions_in_flight")).isZero();
        assertThat(value(samples, "checker_smtp_session_slots")).isEqualTo(256);

        // /evaluate and the page's check each judged the open relay.
        assertThat(value(samples, "checker_rule_states_total", "rule", "smtp.open_relay", "status", "crit"))
                .isEqualTo(2);
        assertThat(value(samples, "checker_dns_queries_total", "type", "MX", "outcome", "noerror")).isEqualTo(2);
        assertThat(value(samples, "checker_dns_queries_total", "type", "MX", "outcome", "servfail")).isEqualTo(1);
        assertThat(value(samples, "checker_dns_queries_total", "type", "PTR", "outcome", "noerror")).isPositive();
        assertThat(value(samples, "checker_rate_limit_rejections_total", "scope", "user")).isZero();

        // The operator's kit queries these very series: a renamed meter must not leave an alert silent. The
        // domains' checker_probe_* are /probe's answer, not these (exporter.DomainMonitoringEndToEndTest's part).
        Set<String> names = new java.util.HashSet<>(samples.stream().map(Sample::name).toList());
        names.add("up"); // Prometheus' own, per target
        for (String kit : List.of("config/alerts.yml", "config/alerts-test.yml", "config/grafana-dashboard.json")) {
            Matcher series = Pattern.compile("\\b(up|(checker_(?!probe_)|jvm_)[a-z0-9_]+)\\b")
                    .matcher(java.nio.file.Files.readString(java.nio.file.Path.of(kit)));
            while (series.find()) {
                assertThat(names).as(kit).contains(series.group(1));
            }
        }

        Set<String> rules = Set.copyOf(evaluator.rules().stream().map(Rule::name).toList());
        List<Sample> ours = samples.stream().filter(s -> s.name().startsWith("checker_")).toList();
        assertThat(ours).hasSizeGreaterThan(50);
        for (Sample s : ours) {
            s.labels().forEach((label, v) -> {
                String where = s.name() + s.labels();
                assertThat(v).as(where).doesNotContain("metrics.test").doesNotContain("broken.test")
                        .doesNotContain("127.0.0.");
                if (label.equals("le")) {
                    assertThat(v).as(where).matches(BUCKET);
                } else if (label.equals("rule")) {
                    assertThat(rules).as(where).contains(v); // rule names, dotted, come from the rule beans
                } else {
                    assertThat(v).as(where).matches(WORD); // no dot, no colon: neither a name nor an address
                }
            });
        }
    }
}
