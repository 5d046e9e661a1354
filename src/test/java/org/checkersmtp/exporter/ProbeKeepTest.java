package org.checkersmtp.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.checkersmtp.results.Results;
import org.checkersmtp.security.CheckerSecurityProperties;
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
 * /probe?keep=true over real HTTP against a scripted open relay that counts its sessions: a 303 to a stored
 * result anyone can read (no sign-in), the same id again within the min-interval without a new session, a bad
 * keep value named in a 400, and a refused target answered as a scrape with nothing stored.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "checker.targets.allow-private=true",
    "checker.targets.allowed-domains=keep.test",
    "checker.exporter.min-interval=5m",
    "checker.exporter.modules.plain.tls-posture=false",
    "checker.exporter.modules.plain.timeout=5",
})
@DirtiesContext
class ProbeKeepTest {

    private static final ScriptedSmtpServer RELAY;
    private static final ZoneDnsServer DNS;

    static {
        try {
            RELAY = ScriptedSmtpServer.builder().address(InetAddress.getByName("127.0.0.76")).port(0)
                    .hostname("mx.keep.test").greeting("220 mx.keep.test ESMTP").start();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        DNS = new ZoneDnsServer(String.join("\n",
                "relay.keep.test. 300 IN MX 10 mx.keep.test.",
                "outside.test. 300 IN MX 10 mx.keep.test.",
                "mx.keep.test. 300 IN A 127.0.0.76"));
    }

    @DynamicPropertySource
    static void fixtures(DynamicPropertyRegistry registry) {
        registry.add("checker.dns.servers", DNS::address);
        registry.add("checker.smtp.port", RELAY::port);
    }

    @AfterAll
    static void stop() {
        RELAY.close();
        DNS.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    Results results;

    /** Never follows redirects: the 303 and its Location are what is asserted. */
    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void keepRedirectsToAPublicResultAndASecondKeepWithinTheIntervalToTheSameOneWithoutANewSession()
            throws Exception {
        HttpResponse<String> kept = get("/probe?target=relay.keep.test&module=plain&keep=true");
        assertThat(kept.statusCode()).as(kept.body()).isEqualTo(303);
        String location = kept.headers().firstValue("Location").orElseThrow();
        assertThat(location).matches("/r/[A-Za-z0-9_-]+");
        int sessions = RELAY.connections();
        assertThat(sessions).isPositive();

        HttpResponse<String> page = get(location);
        assertThat(page.statusCode()).as("readable without sign-in").isEqualTo(200);
        assertThat(page.body()).contains("relay.keep.test");
        HttpResponse<String> json = get(location + ".json");
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(json.body()).contains("relay.keep.test");

        HttpResponse<String> again = get("/probe?target=RELAY.keep.test.&module=plain&keep=true");
        assertThat(again.statusCode()).isEqualTo(303);
        assertThat(again.headers().firstValue("Location")).hasValue(location);
        Scrapes.Scrape scrape = new Scrapes(port).get("?target=relay.keep.test&module=plain");
        assertThat(scrape.get("checker_probe_mx_open_relay", "mx", "mx.keep.test", "family", "ipv4")).isEqualTo(1);
        assertThat(RELAY.connections()).as("neither the keep nor the scrape after it checks again")
                .isEqualTo(sessions);
    }

    @Test
    void aBadKeepValueIsA400NamingTheField() throws Exception {
        HttpResponse<String> r = get("/probe?target=relay.keep.test&keep=yes");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).startsWith("keep:").contains("\"yes\"");
    }

    @Test
    void aRefusedTargetAnswersAsAScrapeAndNothingIsStored() throws Exception {
        int before = RELAY.connections();
        Scrapes.Scrape r = new Scrapes(port).get("?target=outside.test&keep=true");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.get("checker_probe_refused", "reason", "allowed_domains")).isEqualTo(1);
        assertThat(results.history(CheckerSecurityProperties.EXPORTER_OWNER, "outside.test", 0, 10).results())
                .isEmpty();
        assertThat(RELAY.connections()).isEqualTo(before);
    }
}
