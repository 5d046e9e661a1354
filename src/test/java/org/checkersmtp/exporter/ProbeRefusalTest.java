package org.checkersmtp.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
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
 * What /probe refuses, and that nothing reaches DNS or a mail server then: bad input is a 400 naming the
 * parameter (the DNS server counts its queries), a domain outside allowed-domains or one whose every address
 * the target policy forbids (loopback, with allow-private off) answers checker_probe_refused, and the machine
 * API's token guards /probe as every API route.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "checker.targets.allow-private=false",
    "checker.targets.allowed-domains=refusal.test",
    "checker.api.token=" + ProbeRefusalTest.TOKEN,
})
@DirtiesContext
class ProbeRefusalTest {

    static final String TOKEN = "exporter-token-0123456789abcdef";

    private static final ScriptedSmtpServer MX;
    private static final ZoneDnsServer DNS;

    static {
        try {
            MX = ScriptedSmtpServer.builder().address(InetAddress.getByName("127.0.0.73")).port(0).start();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        DNS = new ZoneDnsServer(String.join("\n",
                "private.refusal.test. 300 IN MX 10 mx.refusal.test.",
                "outside.test. 300 IN MX 10 mx.refusal.test.",
                "mx.refusal.test. 300 IN A 127.0.0.73"));
    }

    @DynamicPropertySource
    static void fixtures(DynamicPropertyRegistry registry) {
        registry.add("checker.dns.servers", DNS::address);
        registry.add("checker.smtp.port", MX::port);
    }

    @AfterAll
    static void stop() {
        MX.close();
        DNS.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    Results results;

    private Scrapes.Scrape scrape(String query) throws Exception {
        return new Scrapes(port).get(query, "Authorization", "Bearer " + TOKEN);
    }

    @Test
    void aTargetThatIsNotADomainIs400NamingTheTargetAndAsksNoDns() throws Exception {
        int queries = DNS.udpQueries() + DNS.tcpQueries();
        for (String bad : new String[] {"", "refusal.test%0d%0aRCPT", "a..refusal.test", "mx.refusal.test:25",
                "-x.refusal.test"}) {
            Scrapes.Scrape s = scrape("?target=" + bad);
            assertThat(s.status()).as(bad).isEqualTo(400);
            assertThat(s.body()).as(bad).startsWith("target: ");
        }
        Scrapes.Scrape unknown = scrape("?target=private.refusal.test&module=nope");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body()).isEqualTo("module: unknown module \"nope\" (configured: default)\n");
        Scrapes.Scrape timeout = new Scrapes(port).get("?target=private.refusal.test", "Authorization",
                "Bearer " + TOKEN, ProbeController.SCRAPE_TIMEOUT, "soon");
        assertThat(timeout.status()).isEqualTo(400);
        assertThat(timeout.body()).startsWith(ProbeController.SCRAPE_TIMEOUT + ": ");
        assertThat(DNS.udpQueries() + DNS.tcpQueries()).isEqualTo(queries);
        assertThat(MX.connections()).isZero();
    }

    @Test
    void aDomainOutsideTheAllowListIsRefusedWithoutAskingDns() throws Exception {
        int queries = DNS.udpQueries() + DNS.tcpQueries();
        Scrapes.Scrape s = scrape("?target=outside.test");
        assertThat(s.status()).isEqualTo(200);
        assertThat(s.get("checker_probe_refused", "reason", "allowed_domains")).isEqualTo(1);
        assertThat(s.get("checker_probe_success")).isZero();
        assertThat(s.value("checker_probe_mx_reachable")).isEmpty();
        assertThat(DNS.udpQueries() + DNS.tcpQueries()).isEqualTo(queries);
        assertThat(MX.connections()).isZero();
    }

    @Test
    void aDomainWhoseEveryAddressThePolicyForbidsIsRefusedAndNothingIsSent() throws Exception {
        Scrapes.Scrape s = scrape("?target=private.refusal.test");
        assertThat(s.status()).isEqualTo(200);
        assertThat(s.get("checker_probe_refused", "reason", "target_policy")).isEqualTo(1);
        assertThat(s.get("checker_probe_success")).isZero();
        assertThat(MX.connections()).as("neither SMTP nor the TLS sibling").isZero();
    }

    @Test
    void keepingAPolicyRefusedDomainStoresNothingAndWithoutTheTokenIsRefusedAsAnyScrape() throws Exception {
        Scrapes.Scrape s = scrape("?target=private.refusal.test&keep=true");
        assertThat(s.status()).as("answered as a scrape, no redirect").isEqualTo(200);
        assertThat(s.get("checker_probe_refused", "reason", "target_policy")).isEqualTo(1);
        assertThat(results.history(CheckerSecurityProperties.EXPORTER_OWNER, "", 0, 10).results()).isEmpty();
        assertThat(new Scrapes(port).get("?target=private.refusal.test&keep=true").status()).isEqualTo(401);
        assertThat(MX.connections()).isZero();
    }

    @Test
    void theMachineApiTokenGuardsTheExporter() throws Exception {
        Scrapes.Scrape anonymous = new Scrapes(port).get("?target=private.refusal.test");
        assertThat(anonymous.status()).isEqualTo(401);
        Scrapes.Scrape wrong = new Scrapes(port).get("?target=private.refusal.test", "Authorization", "Bearer nope");
        assertThat(wrong.status()).isEqualTo(401);
    }
}
