package org.checkersmtp.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.http.HttpResponse;
import org.checkersmtp.testsupport.ScriptedSmtpServer;
import org.checkersmtp.testsupport.realservers.KnotServer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code checker.targets.reserve-to-proven=true} without {@code require-ownership}: any domain is checked
 * with the defaults, but a relay recipient of the user's choosing and a longer session only for a domain
 * (or a subdomain of one) the user has proven — refused before the network otherwise, naming the field. And
 * the domains page validates its input as the check form does.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "checker.security.users[0].username=alice",
    "checker.security.users[0].password={noop}alice-secret",
    "checker.targets.allow-private=true",
    "checker.targets.reserve-to-proven=true",
    "checker.results.directory=",
    "checker.probe.result-cache=0s",
    "checker.rate-limit.user-per-minute=100",
    "checker.rate-limit.ip-per-minute=100",
    "checker.rate-limit.user-per-day=100",
})
@DirtiesContext
class ReserveToProvenTest {

    private static final String ZONE = "open.test";
    private static final String RECORDS = String.join("\n",
            "@ IN MX 10 mx",
            "sub IN MX 10 mx",
            "mx IN A 127.0.0.82");
    private static final String VICTIM = "someone@third-party.example";

    static KnotServer knot;
    static ScriptedSmtpServer mx;

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) throws Exception {
        knot = KnotServer.builder().zone(ZONE, RECORDS).start();
        mx = ScriptedSmtpServer.builder().address(InetAddress.getByName("127.0.0.82")).port(0)
                .hostname("mx.open.test").greeting("220 mx.open.test ESMTP")
                .reply("RCPT TO:<" + VICTIM + ">", "554 5.7.1 Relay access denied")
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

    @LocalServerPort
    int port;

    private static String csrf(PageBrowser browser) throws Exception {
        return Jsoup.parse(browser.get("/domains").body()).select("input[name=_csrf]").first().attr("value");
    }

    private static long relayProbesTo(String recipient) {
        return mx.commands().stream().filter(c -> c.equals("RCPT TO:<" + recipient + ">")).count();
    }

    @Test
    void aCustomRelayRecipientAndALongerTimeoutNeedAProof_theDefaultsDoNot() throws Exception {
        PageBrowser alice = new PageBrowser(port);
        alice.login("alice", "alice-secret");

        assertThat(alice.post("/check", "domain", ZONE, "_csrf", alice.csrf()).statusCode()).isEqualTo(200);

        int connections = mx.connections();
        HttpResponse<String> custom = alice.post("/check", "domain", ZONE, "test_probe_address", VICTIM,
                "_csrf", alice.csrf());
        assertThat(custom.statusCode()).isEqualTo(403);
        Document refused = Jsoup.parse(custom.body());
        assertThat(refused.select("#form-error").text()).startsWith(
                "A custom test_probe_address is accepted only for a domain you have proven: "
                        + "prove that you control open.test first.");
        assertThat(refused.select("#prove-link").attr("href")).isEqualTo("/domains?domain=open.test");
        assertThat(refused.select("input[name=test_probe_address]").val()).isEqualTo(VICTIM);
        HttpResponse<String> longer = alice.post("/check", "domain", ZONE, "timeout", "60", "_csrf", alice.csrf());
        assertThat(longer.statusCode()).isEqualTo(403);
        assertThat(Jsoup.parse(longer.body()).select("#form-error").text())
                .startsWith("A timeout above 12s is accepted only for a domain you have proven");
        assertThat(mx.connections()).isEqualTo(connections);
        assertThat(relayProbesTo(VICTIM)).isZero();

        alice.post("/domains", "domain", ZONE, "_csrf", csrf(alice));
        String value = Jsoup.parse(alice.get("/domains").body()).select("section[data-domain=open.test] .record-value").text();
        knot.replaceZone(ZONE, RECORDS + "\n_checker-smtp IN TXT \"" + value + "\"");
        assertThat(alice.post("/domains/verify", "domain", ZONE, "_csrf", csrf(alice)).statusCode()).isEqualTo(302);

        assertThat(alice.post("/check", "domain", "sub.open.test", "test_probe_address", VICTIM, "timeout", "20",
                "_csrf", alice.csrf()).statusCode()).isEqualTo(200);
        assertThat(relayProbesTo(VICTIM)).isPositive();

        // Removed, the proof no longer vouches for anything.
        assertThat(alice.post("/domains/remove", "domain", ZONE, "_csrf", csrf(alice)).statusCode()).isEqualTo(302);
        assertThat(Jsoup.parse(alice.get("/domains").body()).select("#domains-empty").text()).isEqualTo("No domain yet.");
        assertThat(alice.post("/check", "domain", ZONE, "test_probe_address", VICTIM, "_csrf", alice.csrf())
                .statusCode()).isEqualTo(403);
    }

    @Test
    void theDomainsPageRefusesWhatTheCheckFormRefuses_namingTheField() throws Exception {
        PageBrowser alice = new PageBrowser(port);
        alice.login("alice", "alice-secret");

        for (String bad : new String[] {"", "exa mple.org", "a..b", "x\r\nRCPT TO:<v@w>"}) {
            HttpResponse<String> page = alice.post("/domains", "domain", bad, "_csrf", csrf(alice));
            assertThat(page.statusCode()).as(bad).isEqualTo(400);
            assertThat(Jsoup.parse(page.body()).select("#domains-error").text()).as(bad).startsWith("option \"domain\": ");
        }
        alice.get("/domains?lang=fr");
        HttpResponse<String> french = alice.post("/domains", "domain", "exa mple.org", "_csrf", csrf(alice));
        assertThat(french.statusCode()).isEqualTo(400);
        assertThat(Jsoup.parse(french.body()).select("#domains-error").text().replace('\u00a0', ' '))
                .as("in the page's language").isEqualTo("option « domain » : ne doit pas contenir d'espace");
        assertThat(Jsoup.parse(alice.get("/domains").body()).select("section.owned-domain").eachAttr("data-domain"))
                .allMatch(ZONE::equals);
    }
}
