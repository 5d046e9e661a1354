package org.checkersmtp.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.checkersmtp.collect.SmtpCollector;
import org.checkersmtp.json.GoJson;
import org.checkersmtp.observation.OptionalProbe;
import org.checkersmtp.testsupport.SampleObservations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import tools.jackson.databind.JsonNode;

/**
 * The SDK routes over real HTTP (Tomcat), compared with the wire contract's test vectors. The
 * collector is the provider seam here: what it collects is tested elsewhere, so it is replaced.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
class CheckerApiHttpTest {

    @LocalServerPort
    int port;

    @MockitoBean
    SmtpCollector collector;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> send(String method, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** The shape of /health; the load average is whatever the other tests of this shared server left. */
    @Test
    void healthOnAFreshServer() throws Exception {
        HttpResponse<String> r = send("GET", "/health", null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(r.body()).matches("\\{\"status\":\"ok\",\"uptime_seconds\":[0-9.e-]+,\"num_cpu\":[1-9][0-9]*,"
                + "\"inflight\":0,\"total_requests\":[0-9]+,\"loadavg\":\\[[0-9.e-]+,[0-9.e-]+,[0-9.e-]+\\]\\}\n");
    }

    @Test
    void everyRequestIsLoggedAsMethodPathStatusDuration(CapturedOutput output) throws Exception {
        send("GET", "/health", null);
        send("GET", "/nope", null);
        assertThat(output.getOut()).containsPattern("GET /health 200 [0-9.]+(ns|µs|ms|s)\\R")
                .containsPattern("GET /nope 404 [0-9.]+(ns|µs|ms|s)\\R");
    }

    @Test
    void healthcheckFlagProbesTheLocalPort() throws Exception {
        assertThat(org.checkersmtp.CheckerSmtpApplication.healthcheck(new String[] {"--server.port=" + port}))
                .isZero();
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        assertThat(org.checkersmtp.CheckerSmtpApplication.healthcheck(new String[] {"--server.port=" + closed}))
                .isEqualTo(1);
    }

    @Test
    void reportUsesRelatedTlsFindingsAndPutsWhatToFixFirst() throws Exception {
        String data = GoJson.marshal(SampleObservations.oneGoodEndpoint());
        String related = "{\"tls_probes\":[{\"checkerId\":\"tls\",\"key\":\"tls_probes\",\"data\":{\"probes\":"
                + "{\"mx1.example.com:25\":{\"host\":\"mx1.example.com\",\"port\":25,\"chain_valid\":false}}},"
                + "\"collectedAt\":\"0001-01-01T00:00:00Z\",\"ref\":\"mx1.example.com:25\"}]}";
        HttpResponse<String> html = send("POST", "/report",
                "{\"key\":\"smtp\",\"data\":" + data + ",\"related\":" + related + "}", "Accept", "text/html");
        assertThat(html.statusCode()).isEqualTo(200);
        org.jsoup.nodes.Document page = org.jsoup.Jsoup.parse(html.body());
        assertThat(page.select("section").first().id()).isEqualTo("what-to-fix");
        assertThat(page.select("#what-to-fix .fix").text()).contains("certificate chain does not validate");
        assertThat(page.select("#what-to-fix .fix").first().text()).startsWith("CRIT");
    }

    @Test
    void aReportOfAnObservationWhoseEveryAddressWasRefusedByPolicySaysNothingWasTested() throws Exception {
        String refused = "{\"target\":\"mx.private.test\",\"preference\":10,\"address\":\"%s\",\"family\":\"ipv4\","
                + "\"connect\":{\"ok\":false,\"failure\":\"policy\",\"error\":\"refused by policy: %s is private\"},"
                + "\"end\":{\"reason\":\"policy_refused\",\"phase\":\"connect\"}}";
        String data = "{\"domain\":\"private.test\",\"run_at\":\"2026-04-21T12:34:56Z\",\"mx\":{\"records\":"
                + "[{\"preference\":10,\"target\":\"mx.private.test\",\"ipv4\":[\"10.0.0.25\",\"192.168.0.25\"],"
                + "\"resolution\":\"ok\"}]},\"endpoints\":[" + refused.formatted("10.0.0.25", "10.0.0.25") + ","
                + refused.formatted("192.168.0.25", "192.168.0.25") + "],\"schema_version\":1}";
        HttpResponse<String> html = send("POST", "/report", "{\"key\":\"smtp\",\"data\":" + data + "}",
                "Accept", "text/html");
        assertThat(html.statusCode()).isEqualTo(200);
        org.jsoup.nodes.Document page = org.jsoup.Jsoup.parse(html.body());
        assertThat(page.select("header #untested").text())
                .isEqualTo("Nothing was tested: every address was refused by the target policy.");
        assertThat(page.select("#what-to-fix .all-good")).isEmpty();

        HttpResponse<String> good = send("POST", "/report", "{\"key\":\"smtp\",\"data\":"
                + GoJson.marshal(SampleObservations.oneGoodEndpoint()) + "}", "Accept", "text/html");
        assertThat(org.jsoup.Jsoup.parse(good.body()).select("#untested")).as("a contacted server was tested").isEmpty();
    }

    @Test
    void headHealthAnswersWithoutBody() throws Exception {
        HttpResponse<String> r = send("HEAD", "/health", null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEmpty();
    }

    @Test
    void wrongMethodIs405WithAllowAndUnknownPathIs404Text() throws Exception {
        HttpResponse<String> get = send("GET", "/collect", null);
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.headers().firstValue("Allow")).hasValue("POST");
        assertThat(get.body()).isEqualTo("Method Not Allowed\n");
        HttpResponse<String> del = send("DELETE", "/definition", null);
        assertThat(del.statusCode()).isEqualTo(405);
        assertThat(del.headers().firstValue("Allow")).hasValue("GET, HEAD, POST");
        HttpResponse<String> nope = send("GET", "/nope", null);
        assertThat(nope.statusCode()).isEqualTo(404);
        assertThat(nope.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
        assertThat(nope.body()).isEqualTo("404 page not found\n");
        assertThat(send("POST", "/collect/", "{}").statusCode()).isEqualTo(404);
    }

    @Test
    void malformedBodyWithoutContentTypeIs400NotFourFifteen() throws Exception {
        HttpResponse<String> r = send("POST", "/collect", "{invalid");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(r.body()).startsWith("{\"error\":\"invalid request body: ").endsWith("\"}\n");
        HttpResponse<String> empty = send("POST", "/evaluate", "");
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(empty.body()).isEqualTo("{\"states\":null,\"error\":\"invalid request body: EOF\"}\n");
        HttpResponse<String> xml = send("POST", "/report", "<xml/>", "Content-Type", "application/xml");
        assertThat(xml.statusCode()).isEqualTo(400);
    }

    @Test
    void bodyOverOneMebibyteIs400() throws Exception {
        String padding = "x".repeat(RequestBodies.MAX_BODY_BYTES);
        String body = "{\"key\":\"smtp\",\"options\":{\"pad\":\"" + padding + "\"}}";
        HttpResponse<String> r = send("POST", "/collect", body, "Content-Type", "application/json");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).startsWith("{\"error\":\"invalid request body: ");
        verify(collector, never()).collect(any(), any(), any());
    }

    @Test
    void collectReturnsDataAndOneTlsEntryPerMxHost() throws Exception {
        when(collector.collect(any(), any(), any())).thenReturn(SampleObservations.oneGoodEndpoint());
        HttpResponse<String> r = send("POST", "/collect",
                "{\"key\":\"smtp\",\"target\":{},\"options\":{\"domain\":\"example.com.\",\"endpoint\":\"http://x\","
                        + "\"domain_name\":\"example.com.\",\"service_type\":\"svcs.MXs\",\"service\":{\"_svctype\":"
                        + "\"svcs.MXs\",\"Service\":{\"mx\":[{\"Preference\":10,\"Mx\":\"mx1\"}]}}},"
                        + "\"enabledRules\":{\"smtp.open_relay\":false}}");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).startsWith("{\"data\":{\"domain\":\"example.com\",\"run_at\":\"2026-04-21T12:34:56Z\","
                + "\"mx\":{\"records\":[{\"preference\":10,\"target\":\"mx1.example.com\",\"ipv4\":[\"192.0.2.25\"]");
        assertThat(r.body()).contains("ESMTP \\u003cready\\u003e \\u0026 waiting");
        assertThat(r.body()).endsWith(",\"entries\":[{\"type\":\"tls.endpoint.v1\",\"ref\":\"mx1.example.com:25\","
                + "\"payload\":{\"host\":\"mx1.example.com\",\"port\":25,\"starttls\":\"smtp\"}}]}\n");
        verify(collector).collect(argThat(o -> o.probes().equals(EnumSet.of(OptionalProbe.NULL_SENDER,
                OptionalProbe.POSTMASTER))), any(), any());
    }

    @Test
    void invalidOptionIsAClearErrorAndNothingIsCollected() throws Exception {
        HttpResponse<String> r = send("POST", "/collect",
                "{\"options\":{\"domain\":\"example.com\\r\\nDATA\"}}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).isEqualTo(
                "{\"error\":\"option \\\"domain\\\": must not contain a carriage return (CR)\"}\n");
        HttpResponse<String> type = send("POST", "/collect", "{\"options\":{\"domain\":\"example.com\",\"timeout\":\"x\"}}");
        assertThat(type.body()).isEqualTo(
                "{\"error\":\"option \\\"timeout\\\": must be a number of seconds, got a string\"}\n");
        verify(collector, never()).collect(any(), any(), any());
    }

    @Test
    void providerFailureIs500WithTheMessage() throws Exception {
        when(collector.collect(any(), any(), any())).thenThrow(new IllegalStateException("provider failed"));
        HttpResponse<String> r = send("POST", "/collect", "{\"options\":{\"domain\":\"example.com\"}}");
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.body()).isEqualTo("{\"error\":\"provider failed\"}\n");
    }

    @Test
    void definitionGetAndPost() throws Exception {
        HttpResponse<String> get = send("GET", "/definition", null);
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(get.body()).startsWith("{\"id\":\"smtp\",\"name\":");
        assertThat(get.body()).doesNotContain("precheck_failures").doesNotContain("eligible");
        assertThat(get.body()).contains("\"availability\":{\"applyToService\":true,\"limitToServices\":[\"svcs.MXs\"]}");
        assertThat(get.body()).contains("\"interval\":{\"min\":3600000000000,\"max\":604800000000000,"
                + "\"default\":86400000000000},\"has_html_report\":true,\"has_metrics\":true,\"observationKeys\":[\"smtp\"]}");
        JsonNode def = GoJson.mapper().readTree(get.body());
        assertThat(def.get("options").get("runOpts").findValuesAsString("id")).containsExactly("domain", "subdomain",
                "timeout", "helo_name", "test_null_sender", "test_postmaster", "test_open_relay", "test_probe_address",
                "tls_posture");
        assertThat(def.get("rules").size()).isGreaterThanOrEqualTo(1);

        HttpResponse<String> empty = send("POST", "/definition", null);
        assertThat(empty.statusCode()).isEqualTo(200);
        assertThat(empty.body()).isEqualTo(get.body().substring(0, get.body().length() - 2)
                + ",\"precheck_failures\":{}}\n");
        HttpResponse<String> gated = send("POST", "/definition",
                "{\"options\":{\"test_probe_address\":\"x@example.com>\\r\\nDATA\"}}");
        assertThat(gated.body()).endsWith(",\"precheck_failures\":{\"smtp.open_relay\":"
                + "\"option \\\"test_probe_address\\\": must not contain \\\"\\u003e\\\"\"}}\n");
        assertThat(send("POST", "/definition", "{\"options\":{\"test_probe_address\":\"ok@example.net\"}}").body())
                .endsWith(",\"precheck_failures\":{}}\n");
        HttpResponse<String> bad = send("POST", "/definition", "{nope");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).startsWith("{\"error\":\"invalid request body: ");
    }

    @Test
    void inflightCountsConcurrentWorkAndHealthDoesNotCount() throws Exception {
        CountDownLatch entered = new CountDownLatch(3);
        CountDownLatch release = new CountDownLatch(1);
        when(collector.collect(any(), any(), any())).thenAnswer(inv -> {
            entered.countDown();
            release.await(20, TimeUnit.SECONDS);
            return SampleObservations.oneGoodEndpoint();
        });
        long before = GoJson.mapper().readTree(send("GET", "/health", null).body()).get("total_requests").asLong();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<Future<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            calls.add(pool.submit(() -> send("POST", "/collect", "{\"options\":{\"domain\":\"example.com\"}}")));
        }
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
        JsonNode health = null;
        for (int i = 0; i < 5; i++) {
            health = GoJson.mapper().readTree(send("GET", "/health", null).body());
        }
        assertThat(health.get("inflight").asLong()).isEqualTo(3);
        assertThat(health.get("total_requests").asLong()).isEqualTo(before + 3);
        release.countDown();
        for (Future<HttpResponse<String>> call : calls) {
            assertThat(call.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
        pool.shutdown();
        JsonNode after = GoJson.mapper().readTree(send("GET", "/health", null).body());
        assertThat(after.get("inflight").asLong()).isZero();
        assertThat(after.get("total_requests").asLong()).isEqualTo(before + 3);
    }

    @Test
    void reportNegotiatesOnTheAcceptHeader() throws Exception {
        String data = GoJson.marshal(SampleObservations.oneGoodEndpoint());
        String body = "{\"key\":\"smtp\",\"data\":" + data + "}";
        HttpResponse<String> html = send("POST", "/report", body, "Accept", "text/html,application/xhtml+xml");
        assertThat(html.statusCode()).isEqualTo(200);
        assertThat(html.headers().firstValue("Content-Type").orElseThrow()).isEqualToIgnoringCase("text/html;charset=utf-8");
        assertThat(html.body()).startsWith("<!DOCTYPE html>").contains("What to fix").doesNotEndWith("\n\n");
        HttpResponse<String> metrics = send("POST", "/report", body);
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(metrics.body()).startsWith("[{\"name\":\"smtp.mx_records\",\"value\":1,\"unit\":\"records\","
                + "\"labels\":{\"domain\":\"example.com\"},\"timestamp\":\"2026-04-21T12:34:56Z\"}");
        HttpResponse<String> json = send("POST", "/report", body, "Accept", "application/json");
        assertThat(json.body()).isEqualTo(metrics.body());
    }
}
