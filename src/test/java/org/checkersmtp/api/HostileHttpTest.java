package org.checkersmtp.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.checkersmtp.collect.SmtpCollector;
import org.checkersmtp.json.GoJson;
import org.checkersmtp.rules.RuleEvaluator;
import org.checkersmtp.testsupport.SampleObservations;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

/**
 * What a person trying things, or a broken client, can send over real HTTP: every route answers a
 * 4xx with an error in words (never a 5xx, never a Java name), and an observation no collector
 * could have written is refused before any rule or the report looks at it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "checker.http.body-read-timeout=5s")
@DirtiesContext
class HostileHttpTest {

    /** A Java type or exception name in an error text. */
    static final Pattern JAVA_NAME = Pattern.compile(
            "\\b(?:java|javax|jakarta|tools|com|org|sun)\\.[a-z]|Exception|\\bError\\b|`|\\$|\\bat \\w+\\.\\w+\\(");

    @LocalServerPort
    int port;

    @MockitoBean
    SmtpCollector collector;

    @MockitoSpyBean
    RuleEvaluator evaluator;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private HttpResponse<String> send(String method, String path, byte[] body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    static Map<String, byte[]> hostileBodies() {
        Map<String, byte[]> bodies = new LinkedHashMap<>();
        for (String text : List.of("", " ", "{invalid", "{\"a\":", "null", "[]", "\"text\"", "42", "true", "{}",
                "{\"zzz\":1,\"unknown\":{\"deep\":[1,2,3]}}", "{\"key\":5}", "{\"options\":\"x\"}",
                "{\"options\":[1]}", "{\"options\":{\"domain\":\"example.com\\r\\nDATA\"}}",
                "{\"options\":{\"domain\":{\"x\":1}}}", "{\"enabledRules\":{\"a\":\"yes\"}}", "{\"enabledRules\":[]}",
                "{\"observations\":[]}", "{\"observations\":{\"smtp\":\"x\"}}", "{\"observations\":{\"smtp\":[]}}",
                "{\"observations\":{\"smtp\":{\"domain\":1}}}", "{\"data\":[]}", "{\"data\":{}}", "{\"data\":null}",
                "{\"data\":{\"domain\":\"x\",\"mx\":{\"records\":\"no\"}}}", "{\"states\":{}}",
                "{\"states\":[{\"status\":\"x\"}]}", "{\"states\":[{\"status\":9}]}", "{\"states\":[[]]}",
                "{\"related\":{\"x\":{}}}", "{\"related\":[]}", "{\"data\":{\"run_at\":\"yesterday\"}}",
                "\u00ef\u00bb\u00bf{}", "{\"key\":\"\u0000\"}", "{\"key\":\"\\ud800\"}")) {
            bodies.put(text.isEmpty() ? "(empty)" : text, text.getBytes(StandardCharsets.UTF_8));
        }
        bodies.put("invalid UTF-8", new byte[] {'{', '"', 'k', '"', ':', '"', (byte) 0xff, (byte) 0xfe, '"', '}'});
        bodies.put("array nested 100000 deep", "[".repeat(100_000).getBytes(StandardCharsets.US_ASCII));
        bodies.put("object nested 5000 deep", "{\"a\":".repeat(5_000).getBytes(StandardCharsets.US_ASCII));
        bodies.put("options nested 2000 deep", ("{\"options\":" + "{\"a\":".repeat(2_000) + "1" + "}".repeat(2_001))
                .getBytes(StandardCharsets.US_ASCII));
        bodies.put("1 MiB + 1", ("{\"key\":\"" + "x".repeat(RequestBodies.MAX_BODY_BYTES) + "\"}")
                .getBytes(StandardCharsets.US_ASCII));
        bodies.put("a long number", ("{\"options\":{\"timeout\":" + "9".repeat(5000) + "}}")
                .getBytes(StandardCharsets.US_ASCII));
        return bodies;
    }

    static final List<String> CONTENT_TYPES = List.of("", "application/json", "multipart/form-data",
            "multipart/form-data; boundary=xyz", "application/x-www-form-urlencoded", "text/plain",
            "application/xml", "garbage/;;;=", "application/json; charset=utf-16");

    @Test
    void everyRouteAnswersHostileBodiesWithA4xxInWords() throws Exception {
        when(collector.collect(any(), any(), any())).thenReturn(SampleObservations.oneGoodEndpoint());
        List<String> failures = new ArrayList<>();
        int tried = 0;
        long start = System.nanoTime();
        Map<String, byte[]> bodies = hostileBodies();
        for (String route : List.of("/collect", "/definition", "/evaluate", "/report", "/report (html)")) {
            String path = route.split(" ")[0];
            for (Map.Entry<String, byte[]> body : bodies.entrySet()) {
                // Every Content-Type with a few bodies, every body with no Content-Type and a multipart one.
                boolean allTypes = List.of("(empty)", "{invalid", "{}", "{\"data\":[]}").contains(body.getKey());
                for (String contentType : allTypes ? CONTENT_TYPES : CONTENT_TYPES.subList(0, 3)) {
                    List<String> headers = new ArrayList<>();
                    if (!contentType.isEmpty()) {
                        headers.addAll(List.of("Content-Type", contentType));
                    }
                    if (route.endsWith("(html)")) {
                        headers.addAll(List.of("Accept", "text/html"));
                    }
                    HttpResponse<String> r = send("POST", path, body.getValue(), headers.toArray(String[]::new));
                    tried++;
                    String problem = problem(r);
                    if (problem != null) {
                        failures.add(route + " [" + contentType + "] " + abbreviate(body.getKey()) + " → " + problem);
                    }
                }
            }
        }
        for (String path : List.of("/error", "/health", "/definition", "/nope", "/collect", "/error?x=%3Cscript%3E")) {
            for (String method : List.of("GET", "HEAD", "DELETE", "PUT")) {
                HttpResponse<String> r = send(method, path, null);
                tried++;
                if (r.statusCode() >= 500 || JAVA_NAME.matcher(r.body()).find()) {
                    failures.add(method + " " + path + " → " + r.statusCode() + " " + abbreviate(r.body()));
                }
            }
        }
        System.out.printf("HTTP sweep: %d requests, %d failures, %d ms%n", tried, failures.size(),
                (System.nanoTime() - start) / 1_000_000);
        assertThat(failures).isEmpty();
        assertThat(send("GET", "/error", null).statusCode()).isEqualTo(404);
    }

    @Test
    void bodyErrorsNameTheFieldAndWhatBelongsThere() throws Exception {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("{\"options\":\"x\"}", "options: expected an object, got a string");
        cases.put("{\"enabledRules\":{\"smtp.open_relay\":[]}}", "enabledRules.smtp.open_relay: expected true or false, got an array");
        cases.put("{\"key\":\"smtp\",\"data\":{\"domain\":\"x\",\"mx\":{},\"endpoints\":[{\"preference\":\"ten\"}]}}",
                "data.endpoints[0].preference: expected a number, got a string");
        cases.put("{\"key\":\"smtp\",\"data\":{\"domain\":\"x\",\"mx\":{},\"run_at\":\"yesterday\"}}", "data.run_at: expected an RFC 3339 time, got a string");
        cases.put("{\"states\":[{\"status\":9}]}", "states[0].status: status must be an integer from 0 to 5, got 9");
        cases.put("{invalid", "Unexpected character ('i' (code 105)): was expecting double-quote to start property name at line 1, column 2");
        cases.put("{\"a\":[", "unexpected end of body at line 1, column 7");
        cases.put("[".repeat(2000), "expected an object, got an array");
        cases.put("{'options':{}}", "Unexpected character (''' (code 39)): was expecting double-quote to start property name at line 1, column 2");
        cases.put("{\"options\":{\"timeout\":NaN}}", "options: Non-standard token 'NaN' at line 1, column 26");
        cases.put("{\"options\":{\"domain\":\"exam", "options.domain: unexpected end of body at line 1, column 27");
        cases.put("{\"options\":{\"domain\":", "options: unexpected end of body at line 1, column 22");
        cases.put("{\"options\":" + "{\"a\":".repeat(2000), "options.a: Document nesting depth (501) exceeds the maximum allowed (500)");
        Map<String, String> answers = new LinkedHashMap<>();
        for (Map.Entry<String, String> c : cases.entrySet()) {
            HttpResponse<String> r = send("POST", c.getKey().contains("\"data\"") || c.getKey().contains("states")
                    ? "/report" : "/collect", c.getKey().getBytes(StandardCharsets.UTF_8));
            assertThat(r.statusCode()).as(c.getKey()).isEqualTo(400);
            answers.put(c.getKey(), GoJson.mapper().readTree(r.body()).get("error").asString());
            cases.put(c.getKey(), "invalid request body: " + c.getValue());
        }
        assertThat(answers).isEqualTo(cases);
    }

    /** Jackson's own words that must never reach a client. */
    static final Pattern JACKSON_REMNANT = Pattern.compile("Source:|REDACTED|enable|tools\\.jackson|com\\.fasterxml"
            + "|\\b[A-Z][a-z]+(?:[A-Z][a-z]+)+(?:Feature|Exception|Node|Map|List)\\b");

    @Test
    void malformedBodiesAreDescribedWithoutJacksonsWords() throws Exception {
        when(collector.collect(any(), any(), any())).thenReturn(SampleObservations.oneGoodEndpoint());
        Map<String, byte[]> bodies = new LinkedHashMap<>();
        for (String text : List.of("{invalid", "{\"options\":tru}", "{\"options\":{\"domain\":x}}", "{\"a\" 1}",
                "{\"options\":{\"timeout\":\"ten\"}}", "{\"options\":{\"timeout\":[1]}}",
                "{\"options\":{\"timeout\":1e999999}}", "{\"options\":{\"timeout\":" + "9".repeat(1200) + "}}",
                "{\"options\":{\"timeout\":-}}", "{\"options\":{\"timeout\":01}}", "{\"options\":{\"timeout\":.5}}",
                "{\"options\":{},\"options\":{}}", "{\"key\":\"a\u0001b\"}", "{\"key\":\"a\\qb\"}",
                "{\"key\":\"\\u12\"}", "\u00ef\u00bb\u00bf{\"key\":1}", "{} garbage", "{}}", "{\"options\":{}} []",
                "{\"data\":{\"domain\":\"x\",\"mx\":{\"records\":[{\"preference\":true}]}}}",
                "{\"data\":{\"domain\":\"x\",\"endpoints\":[{\"tls\":{\"version\":[]}}]}}",
                "{\"states\":[{\"status\":1,\"message\":{}}]}", "{\"states\":[{\"status\":1e400}]}",
                "{\"enabledRules\":{\"a\":1}}", "{\"options\":{\"domain\":\"x\"\"timeout\":1}}",
                "/* comment */ {}", "{\"key\":'x'}", "{\"key\":NaN}", "{\"key\":Infinity}", "[" .repeat(1500),
                "{\"options\":" + "[".repeat(600) + "}")) {
            bodies.put(text.length() > 60 ? text.substring(0, 60) + "…" : text, text.getBytes(StandardCharsets.UTF_8));
        }
        bodies.put("invalid UTF-8 in a key", new byte[] {'{', '"', (byte) 0xc3, (byte) 0x28, '"', ':', '1', '}'});
        bodies.put("invalid UTF-8 in options", new byte[] {'{', '"', 'o', 'p', 't', 'i', 'o', 'n', 's', '"', ':', '{',
            '"', 'd', 'o', 'm', 'a', 'i', 'n', '"', ':', '"', (byte) 0xed, (byte) 0xa0, (byte) 0x80, '"', '}', '}'});
        bodies.put("NUL byte", new byte[] {'{', 0, '}'});
        List<String> failures = new ArrayList<>();
        Map<String, String> answers = new LinkedHashMap<>();
        for (String route : List.of("/collect", "/evaluate", "/report", "/definition")) {
            for (Map.Entry<String, byte[]> body : bodies.entrySet()) {
                HttpResponse<String> r = send("POST", route, body.getValue(), "Content-Type", "application/json");
                if (r.statusCode() < 400) {
                    continue; // accepted (/definition reads no body): nothing to describe
                }
                String error = GoJson.mapper().readTree(r.body()).get("error").asString();
                answers.put(route + " " + body.getKey(), error);
                // The field's path or the position, then the reason.
                boolean placed = error.matches("option \"\\w+\": .+")
                        || error.matches("invalid request body: (?:[\\w.\\[\\]]+: .+|.+ at line \\d+, column \\d+"
                        + "|expected an object, got .+"
                        // A read limit: Jackson raises it without a location, and on /report without a path.
                        + "|[A-Z][a-z ]+ \\(\\d+\\) exceeds the maximum allowed \\(\\d+\\))");
                if (JACKSON_REMNANT.matcher(error).find() || JAVA_NAME.matcher(error).find() || !placed) {
                    failures.add(route + " " + body.getKey() + " → " + error);
                }
            }
        }
        answers.forEach((k, v) -> System.out.println("body error: " + k + " → " + v));
        assertThat(failures).isEmpty();
        assertThat(answers).hasSizeGreaterThan(3 * bodies.size() - 5);
    }

    /** Null when the answer is acceptable: 2xx, or a 4xx whose JSON error says what is wrong in words. */
    private static String problem(HttpResponse<String> r) {
        if (r.statusCode() >= 500) {
            return r.statusCode() + " " + abbreviate(r.body());
        }
        if (JAVA_NAME.matcher(r.body()).find()) {
            return "a Java name in " + abbreviate(r.body());
        }
        if (r.statusCode() >= 400) {
            if (!r.headers().firstValue("Content-Type").orElse("").equals("application/json")) {
                return "not JSON: " + r.headers().firstValue("Content-Type");
            }
            if (!r.body().matches("\\{(\"states\":null,)?\"error\":\"[^\"\\\\]*(\\\\.[^\"\\\\]*)*\"\\}\n")) {
                return "not an error body: " + abbreviate(r.body());
            }
        }
        return null;
    }

    private static String abbreviate(String s) {
        return s.length() <= 120 ? s : s.substring(0, 120) + "…";
    }

    @Test
    void aStateThatIsNullOrEmptyIsGosZeroStateAndThePageRenders() throws Exception {
        String data = GoJson.marshal(SampleObservations.oneGoodEndpoint());
        for (String states : List.of("[null]", "[{}]", "[{},null,{\"status\":4,\"message\":\"m\"}]")) {
            HttpResponse<String> html = send("POST", "/report",
                    ("{\"key\":\"smtp\",\"data\":" + data + ",\"states\":" + states + "}").getBytes(StandardCharsets.UTF_8),
                    "Accept", "text/html");
            assertThat(html.statusCode()).as(states).isEqualTo(200);
            assertThat(org.jsoup.Jsoup.parse(html.body()).select("#states .badge").eachText()).contains("UNKNOWN");
        }
    }

    @Test
    void anObservationNoCollectorCouldWriteIsRefusedNamingTheFieldAndTheLimit() throws Exception {
        String good = GoJson.marshal(SampleObservations.oneGoodEndpoint());
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put(good.replace("\"endpoints\":[{", "\"endpoints\":[{},{"), "data.endpoints[0].target: missing");
        cases.put(good.replace("\"endpoints\":[", "\"endpoints\":[null,"), "data.endpoints[0]: holds null where a value belongs");
        cases.put(good.replace("\"records\":[", "\"records\":[" + "{},".repeat(100_000)),
                "data.mx.records: 100001 entries, at most");
        cases.put(good.replace("\"transcript\":[", "\"transcript\":["
                + "{\"dir\":\"S\",\"t_ms\":1,\"line\":\"250-x\"},".repeat(25_000)), "data.endpoints[0].transcript: 25002 entries");
        cases.put(good.replace("\"endpoints\":[", "\"endpoints\":[" + (GoJson.marshal(
                SampleObservations.oneGoodEndpoint().endpoints().get(0)) + ",").repeat(40)),
                "data.endpoints: 41 entries, at most 32 (addresses probed per check");
        cases.put(good.replace("\"lines\":[", "\"lines\":[\"" + "x".repeat(5000) + "\","),
                "data.endpoints[0].greeting.reply.lines[0]: 5000 characters, at most 2048");
        cases.put(good.replace("\"mx\":{", "\"mx\":null,\"zz\":{"), "data.mx: missing");
        clearInvocations(evaluator);
        for (Map.Entry<String, String> c : cases.entrySet()) {
            byte[] report = ("{\"key\":\"smtp\",\"data\":" + c.getKey() + "}").getBytes(StandardCharsets.UTF_8);
            byte[] evaluate = ("{\"observations\":{\"smtp\":" + c.getKey() + "}}").getBytes(StandardCharsets.UTF_8);
            long start = System.nanoTime();
            HttpResponse<String> html = send("POST", "/report", report, "Accept", "text/html");
            long htmlMs = (System.nanoTime() - start) / 1_000_000;
            HttpResponse<String> metrics = send("POST", "/report", report);
            HttpResponse<String> states = send("POST", "/evaluate", evaluate);
            System.out.printf("hostile observation (%d bytes): HTML report answered %d in %d ms%n", report.length,
                    html.statusCode(), htmlMs);
            for (HttpResponse<String> r : List.of(html, metrics)) {
                assertThat(r.statusCode()).as(c.getValue()).isEqualTo(400);
                assertThat(r.body()).startsWith("{\"error\":\"invalid request body: ").contains(c.getValue());
            }
            assertThat(states.statusCode()).isEqualTo(400);
            assertThat(states.body()).startsWith("{\"states\":null,\"error\":\"invalid request body: observations.smtp");
        }
        // Refused before any work: no rule ever saw one of them.
        verify(evaluator, never()).evaluate(any(), any(), any());
    }

    @Test
    void healthAnswersWhileThreeHundredClientsTrickleBodies() throws Exception {
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 300; i++) {
                Socket s = new Socket();
                s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
                OutputStream out = s.getOutputStream();
                out.write(("POST /collect HTTP/1.1\r\nHost: checker\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 1000\r\n\r\n{\"opti").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                slow.add(s);
            }
            long start = System.nanoTime();
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/health")).timeout(Duration.ofSeconds(4)).build(),
                    HttpResponse.BodyHandlers.ofString());
            long ms = (System.nanoTime() - start) / 1_000_000;
            System.out.printf("/health with 300 slow clients connected: %d in %d ms%n", health.statusCode(), ms);
            assertThat(health.statusCode()).isEqualTo(200);
            // None of the slow bodies is complete, so none has been answered: they were all still there.
            for (Socket s : slow) {
                assertThat(s.getInputStream().available()).isZero();
            }
            // A body that never completes is an invalid body once the read deadline (5 s here) has passed.
            Socket first = slow.get(0);
            first.setSoTimeout(15_000);
            InputStream in = first.getInputStream();
            String answer = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            assertThat(answer).isEqualTo("HTTP/1.1 400");
        } finally {
            for (Socket s : slow) {
                s.close();
            }
        }
        verify(collector, never()).collect(any(), any(), any());
    }

    @Test
    void requestsTomcatRefusesBeforeTheAppAnswerTheJsonErrorWithTheApiHeaders() throws Exception {
        Map<String, String> requests = new LinkedHashMap<>();
        requests.put("bad %-escape", "GET /coll%zzect HTTP/1.1\r\nHost: checker\r\n\r\n");
        requests.put("..;", "GET /..;/health HTTP/1.1\r\nHost: checker\r\n\r\n");
        requests.put("CONNECT", "CONNECT checker:443 HTTP/1.1\r\nHost: checker:443\r\n\r\n");
        requests.put("over-long header", "GET /health HTTP/1.1\r\nHost: checker\r\nX-Long: " + "x".repeat(20_000)
                + "\r\n\r\n");
        requests.put("bad Content-Length", "POST /collect HTTP/1.1\r\nHost: checker\r\nContent-Length: ten\r\n\r\n{}");
        requests.put("two Content-Lengths", "POST /collect HTTP/1.1\r\nHost: checker\r\nContent-Length: 2\r\n"
                + "Content-Length: 3\r\n\r\n{}");
        Map<String, String> answers = new LinkedHashMap<>();
        for (Map.Entry<String, String> request : requests.entrySet()) {
            String raw = rawExchange(request.getValue());
            int split = raw.indexOf("\r\n\r\n");
            String head = split < 0 ? raw : raw.substring(0, split).toLowerCase(java.util.Locale.ROOT);
            String body = split < 0 ? "" : raw.substring(split + 4);
            boolean ok = head.startsWith("http/1.1 4") || head.startsWith("http/1.1 501");
            ok &= head.contains("\r\ncontent-type: application/json\r\n");
            ok &= head.contains("\r\nx-content-type-options: nosniff\r\n");
            ok &= head.contains("\r\ncontent-security-policy: default-src 'none'; frame-ancestors 'none'\r\n");
            ok &= body.matches("\\{\"error\":\"[a-z ]+\"\\}\n");
            answers.put(request.getKey(), ok ? "ok " + head.lines().findFirst().orElse("") + " " + body.strip()
                    : abbreviate(raw.replace("\r\n", " | ")));
        }
        assertThat(answers).allSatisfy((name, answer) -> assertThat(answer).as(name).startsWith("ok "));
        assertThat(answers.get("bad %-escape")).isEqualTo("ok http/1.1 400  {\"error\":\"bad request\"}");
        System.out.println("refused by Tomcat: " + answers);
        verify(collector, never()).collect(any(), any(), any());
    }

    /** Sends bytes no HTTP client would, and reads the whole answer (the server closes after an error). */
    private String rawExchange(String request) throws Exception {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            s.setSoTimeout(10_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            s.shutdownOutput();
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
