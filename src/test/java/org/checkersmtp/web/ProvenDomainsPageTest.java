package org.checkersmtp.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetAddress;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.checkersmtp.testsupport.MutableClock;
import org.checkersmtp.testsupport.ScriptedSmtpServer;
import org.checkersmtp.testsupport.realservers.KnotServer;
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

/**
 * Domains a user has proven, with {@code checker.targets.require-ownership=true}, against a real Knot serving
 * the zones and a scripted SMTP server where their MX points (a subclass per results store: disk, Redis).
 * The user adds a domain, publishes the token in the zone, verifies, and checks it; a domain not proven is
 * refused on the page before any DNS query or SMTP connection (the service's DNS counter and the server's
 * connections say so); once the record is gone and the re-check period has passed, the next check is
 * refused and the proof is gone.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "checker.security.users[0].username=alice",
    "checker.security.users[0].password={noop}alice-secret",
    "checker.targets.allow-private=true",
    "checker.targets.require-ownership=true",
    "checker.ownership.recheck=7d",
    "checker.probe.result-cache=0s",
    "checker.rate-limit.user-per-minute=100",
    "checker.rate-limit.ip-per-minute=100",
    "checker.rate-limit.user-per-day=100",
})
@DirtiesContext
abstract class ProvenDomainsPageTest {

    private static final String ZONE = "proven.test";
    private static final String MX_RECORDS = String.join("\n",
            "@ IN MX 10 mx",
            "mx IN A 127.0.0.81");

    static KnotServer knot;
    static ScriptedSmtpServer mx;
    static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-05-01T10:00:00Z"));

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) throws Exception {
        knot = KnotServer.builder()
                .zone(ZONE, MX_RECORDS)
                .zone("stranger.test", "@ IN MX 10 mx.proven.test.")
                .start();
        mx = ScriptedSmtpServer.builder().address(InetAddress.getByName("127.0.0.81")).port(0)
                .hostname("mx.proven.test").greeting("220 mx.proven.test ESMTP")
                .reply("RCPT TO:<postmaster@example.com>", "554 5.7.1 Relay access denied").start();
        registry.add("checker.dns.servers", knot::address);
        registry.add("checker.smtp.port", mx::port);
    }

    @AfterAll
    static void stop() {
        if (mx != null) {
            mx.close();
        }
        if (knot != null) {
            knot.close();
        }
    }

    @TestBean
    Clock clock;

    static Clock clock() {
        return CLOCK;
    }

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    private double dnsQueries() {
        return meters.find("checker.dns.queries").counters().stream().mapToDouble(c -> c.count()).sum();
    }

    private static String csrf(PageBrowser browser, String path) throws Exception {
        return Jsoup.parse(browser.get(path).body()).select("input[name=_csrf]").first().attr("value");
    }

    private static HttpResponse<String> check(PageBrowser browser, String domain) throws Exception {
        return browser.post("/check", "domain", domain, "_csrf", browser.csrf());
    }

    @Test
    void aProvenDomainIsChecked_aStrangerIsRefusedBeforeTheNetwork_andAProofWhoseRecordWentIsDropped()
            throws Exception {
        PageBrowser alice = new PageBrowser(port);
        alice.login("alice", "alice-secret");

        // Not proven yet: refused, with the way to prove it.
        HttpResponse<String> early = check(alice, ZONE);
        assertThat(early.statusCode()).isEqualTo(403);
        assertThat(mx.connections()).isZero();

        HttpResponse<String> added = alice.post("/domains", "domain", "Proven.TEST.", "_csrf", csrf(alice, "/domains"));
        assertThat(added.headers().firstValue("Location")).hasValue("/domains");
        Document page = Jsoup.parse(alice.get("/domains").body());
        assertThat(page.select("#domains-notice").text()).contains("proven.test");
        assertThat(page.select("section[data-domain=proven.test] .record-name").text())
                .isEqualTo("_checker-smtp.proven.test");
        String value = page.select("section[data-domain=proven.test] .record-value").text();
        assertThat(value).matches("checker-smtp-verification=[0-9a-f]{32}");

        // Verify before publishing: not proven, and says what it looked for.
        Document notYet = Jsoup.parse(alice.post("/domains/verify", "domain", ZONE, "_csrf",
                csrf(alice, "/domains")).body());
        assertThat(notYet.select("#domains-error").text()).contains("there is no _checker-smtp.proven.test");
        // The token is stable until used.
        assertThat(notYet.select("section[data-domain=proven.test] .record-value").text()).isEqualTo(value);

        knot.replaceZone(ZONE, MX_RECORDS + "\n_checker-smtp IN TXT \"" + value + "\"");
        HttpResponse<String> verified = alice.post("/domains/verify", "domain", ZONE, "_csrf", csrf(alice, "/domains"));
        assertThat(verified.headers().firstValue("Location")).hasValue("/domains");
        assertThat(Jsoup.parse(alice.get("/domains").body()).select("section[data-domain=proven.test] .badge").text())
                .isEqualTo("Proven");

        HttpResponse<String> allowed = check(alice, ZONE);
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(Jsoup.parse(allowed.body()).select("h1").text()).isEqualTo("Result for proven.test");
        assertThat(mx.connections()).isPositive();

        // A domain the user has not proven: the page says why, and nothing was asked of DNS or the MX for it.
        int connections = mx.connections();
        double queries = dnsQueries();
        assertThat(queries).as("the allowed check's DNS queries were counted").isPositive();
        HttpResponse<String> stranger = check(alice, "stranger.test");
        assertThat(stranger.statusCode()).isEqualTo(403);
        Document refusal = Jsoup.parse(stranger.body());
        assertThat(refusal.select("#form-error").text())
                .contains("prove that you control stranger.test first");
        assertThat(refusal.select("#prove-link").attr("href")).isEqualTo("/domains?domain=stranger.test");
        assertThat(refusal.select("input[name=domain]").val()).isEqualTo("stranger.test");
        assertThat(dnsQueries()).isEqualTo(queries);
        assertThat(mx.connections()).isEqualTo(connections);

        // Within the re-check period the proof holds without a lookup; past it, the record is looked up again.
        knot.replaceZone(ZONE, MX_RECORDS);
        CLOCK.advance(Duration.ofDays(6));
        assertThat(check(alice, ZONE).statusCode()).isEqualTo(200);
        CLOCK.advance(Duration.ofDays(2));
        connections = mx.connections();
        queries = dnsQueries();
        HttpResponse<String> lapsed = check(alice, ZONE);
        assertThat(lapsed.statusCode()).isEqualTo(403);
        assertThat(Jsoup.parse(lapsed.body()).select("#form-error").text())
                .contains("prove that you control proven.test first")
                .contains("the TXT record of your proof is gone");
        assertThat(dnsQueries()).isEqualTo(queries);
        assertThat(mx.connections()).isEqualTo(connections);
        assertThat(Jsoup.parse(alice.get("/domains").body()).select("#domains-empty").text())
                .isEqualTo("No domain yet.");
    }
}
