package org.checkersmtp.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.checkersmtp.report.Times;
import org.checkersmtp.results.ResultStore;
import org.checkersmtp.results.ResultSummary;
import org.checkersmtp.results.Visibility;
import org.checkersmtp.rules.Status;
import org.checkersmtp.testsupport.MutableClock;
import org.checkersmtp.testsupport.ScriptedSmtpServer;
import org.checkersmtp.testsupport.ZoneDnsServer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.convention.TestBean;
import tools.jackson.databind.JsonNode;
import org.checkersmtp.json.GoJson;

/**
 * Stored results over real HTTP, through the real filter chains and pipeline: a /check stores its result
 * and shows the permalink; the owner reads it (page and JSON, the shape of {@code check --json}); anybody
 * else meets the one 404 an unknown or malformed id gets, until the owner makes it public; private again,
 * then deleted; the history; retention on the injected clock; a damaged stored value; reading costs no
 * rate-limit token; the checker_results_* series.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "checker.security.users[0].username=alice",
    "checker.security.users[0].password={noop}alice-secret",
    "checker.security.users[1].username=bob",
    "checker.security.users[1].password={noop}bob-secret",
    "checker.targets.allow-private=true",
    "checker.rate-limit.user-per-minute=3",
    "checker.rate-limit.ip-per-minute=100",
    "checker.probe.result-cache=0s",
    "checker.results.retention=7d",
})
@DirtiesContext
class ResultPagesTest {

    private static ZoneDnsServer dns;
    private static ScriptedSmtpServer mx;

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) throws Exception {
        dns = new ZoneDnsServer(String.join("\n",
                "kept.test. 300 IN MX 10 mx.kept.test.",
                "mx.kept.test. 300 IN A 127.0.0.71"));
        mx = ScriptedSmtpServer.builder().address(InetAddress.getByName("127.0.0.71")).port(0)
                .hostname("mx.kept.test").greeting("220 mx.kept.test ESMTP").starttls()
                .reply("RCPT TO:<postmaster@example.com>", "554 5.7.1 Relay access denied").start();
        registry.add("checker.dns.servers", dns::address);
        registry.add("checker.smtp.port", mx::port);
    }

    @AfterAll
    static void stop() {
        mx.close();
        dns.close();
    }

    @TestBean
    Clock clock;

    static Clock clock() {
        return new MutableClock(Instant.parse("2026-05-01T10:00:00Z"));
    }

    @LocalServerPort
    int port;

    @Autowired
    ResultStore store;

    private PageBrowser signedIn(String user) throws Exception {
        PageBrowser browser = new PageBrowser(port);
        browser.login(user, user + "-secret");
        return browser;
    }

    /** Checks kept.test as the browser's user; returns the permalink's id shown on the result page. */
    private String check(PageBrowser browser) throws Exception {
        HttpResponse<String> page = browser.post("/check", "domain", "kept.test", "_csrf", browser.csrf());
        assertThat(page.statusCode()).isEqualTo(200);
        String href = Jsoup.parse(page.body()).select("#permalink-link").attr("href");
        assertThat(href).matches("/r/[A-Za-z0-9_-]{22}");
        return href.substring("/r/".length());
    }

    /**
     * A response as far as a viewer could compare two: status, body, headers but the date (and the sign-out
     * form's CSRF token, masked anew on every page).
     */
    private static Map<String, Object> visible(HttpResponse<String> response) {
        Map<String, List<String>> headers = new TreeMap<>(response.headers().map());
        headers.remove("date");
        return Map.of("status", response.statusCode(), "headers", headers,
                "body", response.body().replaceAll("name=\"_csrf\" value=\"[^\"]*\"", "name=\"_csrf\""));
    }

    @Test
    void ownerReadsIt_othersMeetTheSame404AsAnUnknownId_untilItIsPublic_thenPrivate_thenDeleted() throws Exception {
        PageBrowser alice = signedIn("alice");
        Instant checkedAt = clock.instant();
        String id = check(alice);
        PageBrowser stranger = new PageBrowser(port);
        PageBrowser bob = signedIn("bob");

        HttpResponse<String> own = alice.get("/r/" + id);
        assertThat(own.statusCode()).isEqualTo(200);
        Document page = Jsoup.parse(own.body());
        assertThat(page.select("h1").text()).isEqualTo("Result for kept.test");
        assertThat(Instant.parse(page.select("#permalink time").attr("datetime"))).isEqualTo(checkedAt);
        assertThat(page.select("iframe.report").attr("srcdoc")).contains("mx.kept.test");
        assertThat(page.select("#owner-actions button").eachText()).containsExactly("Make public", "Delete");

        HttpResponse<String> unknown = stranger.get("/r/AAAAAAAAAAAAAAAAAAAAAA");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(visible(stranger.get("/r/" + id))).isEqualTo(visible(unknown));
        assertThat(visible(stranger.get("/r/" + id.substring(1)))).isEqualTo(visible(unknown));
        assertThat(visible(bob.get("/r/" + id))).isEqualTo(visible(bob.get("/r/AAAAAAAAAAAAAAAAAAAAAA")));
        assertThat(stranger.get("/r/" + id + ".json").statusCode()).isEqualTo(404);
        // Bob cannot act on it either, and learns nothing from trying.
        assertThat(bob.post("/r/" + id + "/public", "_csrf", bob.csrf()).statusCode()).isEqualTo(404);
        assertThat(stranger.get("/r/" + id).statusCode()).isEqualTo(404);

        assertThat(alice.post("/r/" + id + "/public", "_csrf", alice.csrf()).headers().firstValue("Location"))
                .hasValue("/r/" + id);
        HttpResponse<String> shared = stranger.get("/r/" + id);
        assertThat(shared.statusCode()).isEqualTo(200);
        assertThat(Jsoup.parse(shared.body()).select("#owner-actions")).isEmpty();
        assertThat(Jsoup.parse(shared.body()).select("#permalink").text()).contains("anyone with the link");
        assertThat(stranger.get("/r/" + id + ".json").statusCode()).isEqualTo(200);

        alice.post("/r/" + id + "/private", "_csrf", alice.csrf());
        assertThat(visible(stranger.get("/r/" + id))).isEqualTo(visible(unknown));

        assertThat(alice.post("/r/" + id + "/delete", "_csrf", alice.csrf()).headers().firstValue("Location"))
                .hasValue("/r?deleted");
        assertThat(alice.get("/r/" + id).statusCode()).isEqualTo(404);
        assertThat(store.value(id)).isEmpty();
    }

    @Test
    void theStreamedCheckStoresItsResultToo() throws Exception {
        PageBrowser alice = signedIn("alice");

        List<PageBrowser.Event> events = alice.stream("domain", "kept.test", "_csrf", alice.csrf());

        PageBrowser.Event result = events.get(events.size() - 1);
        assertThat(result.name()).isEqualTo("result");
        String html = GoJson.mapper().readTree(result.data()).get("html").asString();
        String href = Jsoup.parse(html).select("#permalink-link").attr("href");
        assertThat(href).matches("/r/[A-Za-z0-9_-]{22}");
        assertThat(alice.get(href).statusCode()).isEqualTo(200);
    }

    @Test
    void theJsonIsTheCommandLinesShape_byAcceptOrByName() throws Exception {
        PageBrowser alice = signedIn("alice");
        String id = check(alice);

        HttpResponse<String> byName = alice.get("/r/" + id + ".json");
        HttpResponse<String> byAccept = alice.get("/r/" + id, "application/json");

        assertThat(byName.statusCode()).isEqualTo(200);
        assertThat(byName.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/json"));
        assertThat(byAccept.body()).isEqualTo(byName.body());
        JsonNode json = GoJson.mapper().readTree(byName.body());
        assertThat(json.propertyNames()).containsExactly("status", "exit_code", "observation", "states");
        assertThat(json.get("status").asString()).isEqualTo(Map.of(0, "OK", 1, "WARNING", 2, "CRITICAL", 3, "UNKNOWN")
                .get(json.get("exit_code").asInt()));
        assertThat(json.get("observation").get("domain").asString()).isEqualTo("kept.test");
        assertThat(json.get("states").size()).isGreaterThan(3);
    }

    @Test
    void historyListsTheOwnersResults_newestFirst_filteredByDomain() throws Exception {
        PageBrowser bob = signedIn("bob");
        Instant firstAt = clock.instant();
        String first = check(bob);
        ((MutableClock) clock).advance(Duration.ofMinutes(1));
        String second = check(bob);

        Document history = Jsoup.parse(bob.get("/r").body());
        assertThat(history.select("#history tbody tr").eachAttr("data-id")).startsWith(second, first);
        assertThat(history.select("#history tbody tr").first().select("a").attr("href")).isEqualTo("/r/" + second);
        assertThat(Jsoup.parse(bob.get("/r?domain=other.test").body()).select("#history-empty").text())
                .isEqualTo("No stored result for other.test.");
        assertThat(new PageBrowser(port).get("/r").headers().firstValue("Location")).hasValue("/login");

        Document latest = Jsoup.parse(bob.get("/r/" + second).body());
        assertThat(latest.select("#previous-link").attr("href")).isEqualTo("/r/" + first);
        assertThat(latest.select("#changes .notice").text()).isEqualTo("No change since " + Times.text(firstAt) + ".");

        // The page's language (?lang=fr, then its cookie) says the pages' dates and the framed report in French.
        Instant secondAt = clock.instant();
        Document french = Jsoup.parse(bob.get("/r/" + second + "?lang=fr").body());
        assertThat(french.select("#permalink time").text()).isEqualTo(Times.text(secondAt, Locale.FRENCH))
                .isNotEqualTo(Times.text(secondAt)).contains(" 2026 à ");
        Document report = Jsoup.parse(french.select("iframe.report").attr("srcdoc"));
        assertThat(report.selectFirst("html").attr("lang")).isEqualTo("fr");
        assertThat(report.select("h2").first().text()).isEqualTo("À corriger");
        assertThat(report.selectFirst("header time").text()).isEqualTo(Times.text(secondAt, Locale.FRENCH));
        assertThat(Jsoup.parse(bob.get("/r").body()).select("#history tbody tr[data-id=" + first + "] time").text())
                .isEqualTo(Times.text(firstAt, Locale.FRENCH));
    }

    @Test
    void readingCostsNoRateLimitToken() throws Exception {
        PageBrowser alice = signedIn("alice");
        ((MutableClock) clock).advance(Duration.ofHours(1));
        String id = check(alice);
        for (int i = 0; i < 10; i++) {
            assertThat(alice.get("/r/" + id).statusCode()).isEqualTo(200);
        }
        assertThat(alice.post("/check", "domain", "kept.test", "_csrf", alice.csrf()).statusCode()).isEqualTo(200);
    }

    @Test
    void pastTheRetentionThePermalinkIs404_andCounted() throws Exception {
        PageBrowser alice = signedIn("alice");
        String id = check(alice);
        alice.post("/r/" + id + "/public", "_csrf", alice.csrf());

        ((MutableClock) clock).advance(Duration.ofDays(7).minusMinutes(1));
        assertThat(alice.get("/r/" + id).statusCode()).isEqualTo(200);
        ((MutableClock) clock).advance(Duration.ofMinutes(1));
        HttpResponse<String> gone = alice.get("/r/" + id);

        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(visible(gone)).isEqualTo(visible(alice.get("/r/AAAAAAAAAAAAAAAAAAAAAA")));
        assertThat(store.value(id)).isEmpty();
        String metrics = new PageBrowser(port).get("/actuator/prometheus").body();
        assertThat(metrics).containsPattern("(?m)^checker_results_expired_total [1-9]")
                .containsPattern("(?m)^checker_results_stored_total [1-9]")
                .containsPattern("(?m)^checker_results_served_total [1-9]")
                .contains("checker_results_too_large_total 0.0");
    }

    @Test
    void aDamagedStoredValueAnswersAnErrorPage_notATrace() throws Exception {
        PageBrowser alice = signedIn("alice");
        String id = check(alice);
        store.put(new ResultSummary(id, "alice", "kept.test", "{}", ((MutableClock) clock).millis(), Status.OK,
                Visibility.PRIVATE), "{\"id\":\"" + id + "\",\"observation\":{\"endpoints\":7", Duration.ofDays(1));

        HttpResponse<String> page = alice.get("/r/" + id);

        assertThat(page.statusCode()).isEqualTo(500);
        assertThat(Jsoup.parse(page.body()).select("h1").text()).isEqualTo("This result cannot be shown");
        assertThat(page.body()).doesNotContain("Exception", "at org.", "tools.jackson");
        // Its owner can still remove it.
        assertThat(alice.post("/r/" + id + "/delete", "_csrf", alice.csrf()).statusCode()).isEqualTo(302);
    }

    @Test
    void hostileIdsAre404() throws Exception {
        String unknown = raw("/r/AAAAAAAAAAAAAAAAAAAAAA");
        for (String id : List.of("x".repeat(5000), "%27%20OR%20%271%27%3D%271%27%20--", "checker:results:check:*", "*",
                "AAAAAAAAAAAAAAAAAAAA%C3%A9%C3%A9", "AAAAAAAAAAAAAAAAAAAA%E2%80%AE", "AAAAAAAAAAAAAAAAAAAAA'",
                "AAAAAAAAAAAAAAAAAAAAAAA", "AAAAAAAAAAAAAAAAAAAA%20FLUSHALL", "%7B%7D%5B%5D%3F%22%3C%3E")) {
            assertThat(withoutDate(raw("/r/" + id))).as(id).isEqualTo(withoutDate(unknown));
        }
        assertThat(unknown).startsWith("HTTP/1.1 404");
    }

    /**
     * Paths the servlet firewall refuses before any controller (an encoded slash or dot segment, a NUL, a
     * line end, a semicolon): 400 for any path, the same whatever follows /r/.
     */
    @Test
    void pathsTheFirewallRefusesNeverReachTheController() throws Exception {
        for (String id : List.of("..%2F..%2Fetc%2Fpasswd", "%2e%2e", "AAAAAAAAAAAAAAAAAAAA%00", "AAAA;jsessionid=1",
                "AAAAAAAAAAAAAAAAAAAA%0D%0AFLUSHALL", "AAAAAAAAAAAAAAAAAAAA%0AFLUSHALL")) {
            assertThat(raw("/r/" + id)).as(id).startsWith("HTTP/1.1 400").endsWith("{\"error\":\"bad request\"}\n");
        }
    }

    private static String withoutDate(String response) {
        return response.replaceAll("(?m)^Date: .*$", "");
    }

    /** GET of a path as sent, byte for byte (an HTTP client would normalise or refuse it). */
    private String raw(String path) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
