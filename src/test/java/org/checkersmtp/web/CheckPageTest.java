package org.checkersmtp.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.checkersmtp.json.GoJson;
import org.checkersmtp.testsupport.MutableClock;
import org.checkersmtp.testsupport.ScriptedSmtpServer;
import org.checkersmtp.testsupport.ZoneDnsServer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.convention.TestBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The /check page through the real controller, filter chains and pipeline, as a hosted instance runs it
 * (private targets refused, an allow-list of domains, small limits): who may use it, what it refuses
 * before the network, that a private MX is never contacted, and that a repeated check is served from
 * the cache with its age. Both ways of posting the form are held to the same gates: the plain POST and
 * the streamed one (/check/progress). The in-JVM DNS server serves the zones; a scripted SMTP server
 * listens where the private MX points, to count connections.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "checker.security.users[0].username=alice",
    "checker.security.users[0].password={noop}alice-secret",
    "checker.security.users[1].username=bob",
    "checker.security.users[1].password={noop}bob-secret",
    "checker.security.users[2].username=carol",
    "checker.security.users[2].password={noop}carol-secret",
    "checker.security.users[3].username=dave",
    "checker.security.users[3].password={noop}dave-secret",
    "checker.security.users[4].username=erin",
    "checker.security.users[4].password={noop}erin-secret",
    "checker.security.users[5].username=frank",
    "checker.security.users[5].password={noop}frank-secret",
    "checker.security.users[6].username=grace",
    "checker.security.users[6].password={noop}grace-secret",
    "checker.security.users[7].username=heidi",
    "checker.security.users[7].password={noop}heidi-secret",
    "checker.rate-limit.user-per-minute=2",
    "checker.rate-limit.ip-per-minute=3",
    "checker.rate-limit.user-per-day=4",
    "checker.targets.allow-private=false",
    "checker.targets.allowed-domains=private.test,cached.test",
    "checker.probe.result-cache=60s",
})
@AutoConfigureMockMvc
@DirtiesContext
class CheckPageTest {

    /** What the form's script asks /check/progress for. */
    private static final String EVENT_STREAM = "text/event-stream, text/html;q=0.9";

    private static ZoneDnsServer dns;
    private static ScriptedSmtpServer privateMx;

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) throws Exception {
        dns = new ZoneDnsServer(String.join("\n",
                "private.test. 300 IN MX 10 mx.private.test.",
                "cached.test. 300 IN MX 10 mx.private.test.",
                "elsewhere.test. 300 IN MX 10 mx.private.test.",
                "mx.private.test. 300 IN A 127.0.0.60"));
        privateMx = ScriptedSmtpServer.builder().address(InetAddress.getByName("127.0.0.60")).port(0).start();
        registry.add("checker.dns.servers", dns::address);
        registry.add("checker.smtp.port", privateMx::port);
    }

    @AfterAll
    static void stop() {
        privateMx.close();
        dns.close();
    }

    @Autowired
    MockMvc mvc;

    @LocalServerPort
    int port;

    @TestBean
    Clock clock;

    static Clock clock() {
        return new MutableClock(Instant.parse("2026-05-01T10:00:00Z"));
    }

    private MockHttpSession login(String user) throws Exception {
        return (MockHttpSession) mvc.perform(formLogin("/login").user(user).password(user + "-secret"))
                .andExpect(redirectedUrl("/check")).andReturn().getRequest().getSession(false);
    }

    private static MockHttpServletRequestBuilder form(String path, MockHttpSession session, String peer,
                                                      String... nameValues) {
        MockHttpServletRequestBuilder request = post(path).session(session).with(r -> {
            r.setRemoteAddr(peer);
            return r;
        });
        for (int i = 0; i < nameValues.length; i += 2) {
            request.param(nameValues[i], nameValues[i + 1]);
        }
        return request;
    }

    /** The plain POST: the answer is the page. */
    private MockHttpServletResponse check(MockHttpSession session, String peer, String... nameValues) throws Exception {
        return mvc.perform(form("/check", session, peer, nameValues).with(csrf())).andReturn().getResponse();
    }

    /**
     * The streamed POST through MockMvc, waited for when it is a stream (so that its check is over). What a
     * stream sends after its handler returned only shows over real HTTP: {@link PageBrowser}.
     */
    private MockHttpServletResponse stream(MockHttpSession session, String peer, String... nameValues)
            throws Exception {
        MvcResult result = mvc.perform(form(CheckController.PROGRESS, session, peer, nameValues).with(csrf())
                .header("Accept", EVENT_STREAM)).andReturn();
        if (result.getRequest().isAsyncStarted()) {
            result.getAsyncResult(Duration.ofSeconds(60).toMillis()); // the stream ended: its check is over
        }
        return result.getResponse();
    }

    private static Document page(MockHttpServletResponse response) throws Exception {
        return Jsoup.parse(response.getContentAsString());
    }

    /** A check refused by a rate limit: 429 and a page naming the allowance used up. Returns its Retry-After. */
    private static long refusedByLimit(MockHttpServletResponse refused, String message) throws Exception {
        assertThat(refused.getStatus()).isEqualTo(429);
        assertThat(page(refused).select("[role=alert]").text()).isEqualTo(message);
        return Long.parseLong(refused.getHeader("Retry-After"));
    }

    // --- who may use it ---

    @Test
    void anonymousIsSentToTheLoginPageAndNothingRuns() throws Exception {
        mvc.perform(get("/check")).andExpect(status().isFound()).andExpect(redirectedUrl("/login"));
        mvc.perform(post("/check").with(csrf()).param("domain", "private.test"))
                .andExpect(status().isFound()).andExpect(redirectedUrl("/login"));
        mvc.perform(post(CheckController.PROGRESS).with(csrf()).param("domain", "private.test")
                        .header("Accept", EVENT_STREAM)).andExpect(status().isFound()).andExpect(redirectedUrl("/login"));
    }

    @Test
    void withoutTheCsrfTokenBothPostsAreForbidden() throws Exception {
        MockHttpSession alice = login("alice");
        int before = dns.udpQueries() + dns.tcpQueries();
        mvc.perform(form("/check", alice, "192.0.2.1", "domain", "private.test")).andExpect(status().isForbidden());
        mvc.perform(form(CheckController.PROGRESS, alice, "192.0.2.1", "domain", "private.test")
                .header("Accept", EVENT_STREAM)).andExpect(status().isForbidden());
        assertThat(dns.udpQueries() + dns.tcpQueries()).isEqualTo(before);
    }

    // --- the form ---

    @Test
    void theFormIsBuiltFromTheRunOptionsWithTheAdvancedOnesFolded() throws Exception {
        Document page = page(mvc.perform(get("/check").session(login("alice"))).andExpect(status().isOk())
                .andReturn().getResponse());
        assertThat(page.title()).isEqualTo("Check a domain · checker-smtp");
        assertThat(page.select("meta[name=viewport]")).hasSize(1);
        Element form = page.selectFirst("form#check-form[method=post][action=/check]");
        assertThat(form.attr("data-progress")).isEqualTo("/check/progress");
        assertThat(form.select("input[name=_csrf][type=hidden]").attr("value")).isNotBlank();
        assertThat(form.select("input:not([type=hidden])").first().attr("name")).as("the domain comes first")
                .isEqualTo("domain");
        assertThat(form.select("> .field input[name=domain][type=text][required]")).hasSize(1);
        Element advanced = form.selectFirst("details");
        assertThat(advanced.selectFirst("summary").text()).isEqualTo("Advanced options");
        assertThat(advanced.select("input:not([type=hidden])").eachAttr("name")).containsExactly("timeout",
                "helo_name", "test_null_sender", "test_postmaster", "test_open_relay", "test_probe_address");
        assertThat(advanced.select("input[name=timeout]").attr("type")).isEqualTo("number");
        assertThat(advanced.select("input[name=timeout]").attr("step")).isEqualTo("any");
        assertThat(advanced.select("input[name=timeout]").attr("value")).isEqualTo("12");
        assertThat(advanced.select("input[name=test_open_relay]").attr("type")).isEqualTo("checkbox");
        assertThat(advanced.select("input[name=test_open_relay]").attr("value")).isEqualTo("true");
        assertThat(advanced.select("input[name=test_open_relay]").hasAttr("checked")).isTrue();
        assertThat(advanced.select("input[name=_test_open_relay][type=hidden]")).hasSize(1);
        assertThat(advanced.select("label[for=helo_name]").text()).isEqualTo("EHLO name");
        assertThat(page.select("[name=tls_posture], [name=subdomain]")).as("always run / auto-filled").isEmpty();
        assertThat(page.select("script").eachAttr("src")).containsExactly("/js/check.js");
        assertThat(page.select("script:not([src])")).as("no inline script under the CSP").isEmpty();
    }

    @Test
    void anInvalidOptionIs400WithTheFieldNamedAndTheValuesKeptOnBothPaths() throws Exception {
        MockHttpSession alice = login("alice");
        int before = dns.udpQueries() + dns.tcpQueries();
        for (String path : List.of("/check", CheckController.PROGRESS)) {
            MockHttpServletResponse refused = mvc.perform(form(path, alice, "192.0.2.1", "domain", "private.test",
                    "timeout", "0", "helo_name", "probe.example.net", "_test_open_relay", "on",
                    "test_postmaster", "true", "_test_postmaster", "on").with(csrf()).header("Accept", EVENT_STREAM))
                    .andReturn().getResponse();
            assertThat(refused.getStatus()).as(path).isEqualTo(400);
            Document page = page(refused);
            assertThat(page.select("[role=alert]").text()).isEqualTo("option \"timeout\": must be a positive number of seconds, got 0.0");
            assertThat(page.select("input[name=domain]").attr("value")).isEqualTo("private.test");
            assertThat(page.select("input[name=timeout]").attr("value")).isEqualTo("0");
            assertThat(page.select("input[name=timeout]").attr("aria-invalid")).isEqualTo("true");
            assertThat(page.select(".field.invalid input[name=timeout]")).hasSize(1);
            assertThat(page.select("input[name=helo_name]").attr("value")).isEqualTo("probe.example.net");
            assertThat(page.select("input[name=test_open_relay]").hasAttr("checked")).isFalse();
            assertThat(page.select("input[name=test_postmaster]").hasAttr("checked")).isTrue();
            assertThat(page.select("details").hasAttr("open")).as("the field in error is shown").isTrue();
        }
        MockHttpServletResponse badDomain = check(alice, "192.0.2.1", "domain", "private.test;rm");
        assertThat(badDomain.getStatus()).isEqualTo(400);
        assertThat(page(badDomain).select("[role=alert]").text()).isEqualTo("option \"domain\": must not contain \";\"");
        assertThat(dns.udpQueries() + dns.tcpQueries()).as("nothing reached DNS").isEqualTo(before);
    }

    /** The labels and descriptions are the catalogue's in the page's language; so is a refused option's reason. */
    @Test
    void theFormAndAnInvalidOptionAreSaidInThePagesLanguage() throws Exception {
        MockHttpSession alice = login("alice");
        Document page = page(mvc.perform(get("/check").session(alice).param("lang", "fr")).andExpect(status().isOk())
                .andReturn().getResponse());
        Element form = page.selectFirst("form#check-form");
        assertThat(form.select("label[for=domain]").text()).isEqualTo("Domaine de messagerie");
        assertThat(form.select("label[for=helo_name]").text()).isEqualTo("Nom EHLO");
        assertThat(form.select("label:has(#test_open_relay)").text()).isEqualTo("Tester le relais ouvert");
        assertThat(form.select("#test_open_relay-help").text()).isEqualTo(
                "Vérifier qu'un message d'un expéditeur extérieur vers un destinataire extérieur est refusé.");
        assertThat(form.select("input#test_open_relay").attr("aria-describedby")).isEqualTo("test_open_relay-help");
        for (org.checkersmtp.options.OptionField english : org.checkersmtp.options.OptionCatalog.runOptions()) {
            assertThat(form.text()).as("no English label or description left").doesNotContain(english.label())
                    .doesNotContain(english.description());
        }
        MockHttpServletResponse refused = mvc.perform(form("/check", alice, "192.0.2.1", "domain", "private.test",
                "timeout", "0").with(csrf()).header("Accept-Language", "fr-FR,fr;q=0.9")).andReturn().getResponse();
        assertThat(refused.getStatus()).isEqualTo(400);
        assertThat(page(refused).select("[role=alert]").text().replace('\u00a0', ' '))
                .isEqualTo("option « timeout » : doit être un nombre de secondes positif, reçu 0.0");
        assertThat(page(refused).select("label[for=timeout]").text()).isEqualTo("Délai par point de livraison (secondes)");
    }

    // --- limits ---

    @Test
    void overTheUserLimitIs429WithRetryAfterOnBothPaths() throws Exception {
        MockHttpSession bob = login("bob");
        assertThat(check(bob, "192.0.2.10", "domain", "private.test").getStatus()).isEqualTo(200);
        MockHttpServletResponse streamed = stream(bob, "192.0.2.10", "domain", "private.test");
        assertThat(streamed.getStatus()).isEqualTo(200);
        assertThat(streamed.getContentType()).startsWith("text/event-stream");
        for (MockHttpServletResponse refused : List.of(check(bob, "192.0.2.11", "domain", "private.test"),
                stream(bob, "192.0.2.11", "domain", "private.test"))) {
            assertThat(refusedByLimit(refused, "You have used the 2 checks allowed per minute for your account."))
                    .isEqualTo(30);
            assertThat(page(refused).select("main strong").text()).isEqualTo("30 seconds");
        }
        MockHttpServletResponse french = mvc.perform(form("/check", bob, "192.0.2.11", "domain", "private.test")
                .with(csrf()).header("Accept-Language", "fr")).andReturn().getResponse();
        assertThat(refusedByLimit(french, "Vous avez utilisé les 2 vérifications permises par minute pour votre "
                + "compte.")).isEqualTo(30);
        assertThat(page(french).select("main strong").text()).isEqualTo("30 secondes");
    }

    @Test
    void overTheAddressLimitIs429ForEveryoneBehindIt() throws Exception {
        MockHttpSession carol = login("carol");
        MockHttpSession dave = login("dave");
        assertThat(check(carol, "192.0.2.20", "domain", "private.test").getStatus()).isEqualTo(200);
        assertThat(check(carol, "192.0.2.20", "domain", "private.test").getStatus()).isEqualTo(200);
        assertThat(stream(dave, "192.0.2.20", "domain", "private.test").getStatus()).isEqualTo(200);
        assertThat(refusedByLimit(check(dave, "192.0.2.20", "domain", "private.test"),
                "You have used the 3 checks allowed per minute from your network address.")).isEqualTo(20);
    }

    @Test
    void overTheDailyCapIs429UntilTomorrow() throws Exception {
        MockHttpSession erin = login("erin");
        for (int minute = 0; minute < 2; minute++) {
            ((MutableClock) clock).advance(Duration.ofMinutes(1));
            assertThat(check(erin, "192.0.2.3" + minute, "domain", "private.test").getStatus()).isEqualTo(200);
            assertThat(check(erin, "192.0.2.3" + minute, "domain", "private.test").getStatus()).isEqualTo(200);
        }
        ((MutableClock) clock).advance(Duration.ofMinutes(1));
        assertThat(refusedByLimit(stream(erin, "192.0.2.39", "domain", "private.test"),
                "You have used the 4 checks allowed per day for your account.")).isGreaterThan(23 * 3600);
    }

    // --- targets ---

    @Test
    void aDomainWhoseMxIsPrivateIsRefusedByPolicyAndNothingIsContacted() throws Exception {
        MockHttpSession frank = login("frank");
        int connectionsBefore = privateMx.connections();

        MockHttpServletResponse plain = check(frank, "192.0.2.40", "domain", "private.test",
                "_test_open_relay", "on");
        assertThat(plain.getStatus()).isEqualTo(200);
        Document page = page(plain);
        assertThat(page.select("#result [role=alert]").text()).isEqualTo("Refused by policy: every address of this "
                + "domain's mail servers (127.0.0.60) is private, loopback or reserved, so none was contacted. "
                + "This service only probes public addresses.");
        assertThat(page.select("#result .verdict").text()).endsWith(" Nothing was tested: every address was "
                + "refused by the target policy.");
        Document report = Jsoup.parse(page.selectFirst("iframe.report").attr("srcdoc"));
        assertThat(report.select("#endpoints").text()).contains("Refused by policy");
        assertThat(report.select("header #untested").text())
                .isEqualTo("Nothing was tested: every address was refused by the target policy.");
        assertThat(report.select("#what-to-fix .all-good")).as("no pass for what was never tested").isEmpty();

        PageBrowser browser = new PageBrowser(port);
        browser.login("frank", "frank-secret");
        // Options no other test uses: a result other tests left in the cache would come without progress.
        List<PageBrowser.Event> events = browser.stream("_csrf", browser.csrf(), "domain", "private.test",
                "timeout", "7");
        assertThat(events).extracting(PageBrowser.Event::name).containsExactly("mx", "endpoint", "result");
        assertThat(events.get(0).data()).isEqualTo("{\"endpoints\":[{\"id\":\"mx.private.test/127.0.0.60\","
                + "\"host\":\"mx.private.test\",\"address\":\"127.0.0.60\",\"family\":\"IPv4\",\"step\":\"queued\","
                + "\"state\":\"waiting\"}]}");
        assertThat(events.get(1).data()).startsWith("{\"id\":\"mx.private.test/127.0.0.60\",\"host\":\"mx.private.test\","
                + "\"address\":\"127.0.0.60\",\"family\":\"IPv4\",\"step\":\"refused by policy\",\"state\":\"refused\","
                + "\"detail\":\"refused by policy: 127.0.0.60 is in a loopback range");
        Document streamed = Jsoup.parse(GoJson.mapper().readTree(events.get(2).data()).get("html").asString());
        assertThat(streamed.select("#result [role=alert]").text()).startsWith("Refused by policy: every address");
        assertThat(privateMx.connections()).as("no connection, not even by the TLS sibling")
                .isEqualTo(connectionsBefore).isZero();
    }

    @Test
    void aDomainOutsideTheAllowListIsRefusedBeforeAnyDnsQuery() throws Exception {
        MockHttpSession heidi = login("heidi");
        int before = dns.udpQueries() + dns.tcpQueries();
        for (String path : List.of("/check", CheckController.PROGRESS)) {
            MockHttpServletResponse refused = mvc.perform(form(path, heidi, "192.0.2.50", "domain", "Elsewhere.TEST.")
                    .with(csrf()).header("Accept", EVENT_STREAM)).andReturn().getResponse();
            assertThat(refused.getStatus()).isEqualTo(403);
            Document page = page(refused);
            assertThat(page.select("[role=alert]").text()).isEqualTo("Refused by policy: elsewhere.test is not a "
                    + "domain this instance checks: it checks private.test, cached.test and their subdomains only "
                    + "(checker.targets.allowed-domains). Nothing was sent to it.");
            assertThat(page.select("input[name=domain]").attr("value")).isEqualTo("Elsewhere.TEST.");
        }
        assertThat(dns.udpQueries() + dns.tcpQueries()).isEqualTo(before);
        assertThat(privateMx.connections()).isZero();
        // A refusal that cost nothing takes no allowance: heidi still has her two checks of the minute.
        assertThat(check(heidi, "192.0.2.50", "domain", "private.test").getStatus()).isEqualTo(200);
        assertThat(check(heidi, "192.0.2.50", "domain", "private.test").getStatus()).isEqualTo(200);
    }

    // --- the result cache ---

    @Test
    void theSameCheckWithinTheCacheLifetimeIsServedFromTheCacheWithItsAge() throws Exception {
        MockHttpSession grace = login("grace");
        Document first = page(check(grace, "192.0.2.60", "domain", "cached.test"));
        assertThat(first.select(".notice.cached")).isEmpty();
        Document firstReport = Jsoup.parse(first.selectFirst("iframe.report").attr("srcdoc"));
        assertThat(firstReport.select("header time").attr("title")).isEqualTo("2026-05-01T10:00:00Z");
        int queries = dns.udpQueries() + dns.tcpQueries();

        ((MutableClock) clock).advance(Duration.ofSeconds(25));
        Document again = page(check(grace, "192.0.2.60", "domain", "CACHED.test."));

        assertThat(again.select(".notice.cached").text()).isEqualTo("Served from the cache: this result is "
                + "25 seconds old (checked 2026-05-01 10:00:00 UTC). The same check "
                + "runs again once the result is 1 minute old.");
        assertThat(dns.udpQueries() + dns.tcpQueries()).as("not probed again").isEqualTo(queries);
        assertThat(again.selectFirst("iframe.report").attr("srcdoc"))
                .isEqualTo(first.selectFirst("iframe.report").attr("srcdoc"));
        // Other options are another check (a minute later: grace has two checks a minute).
        ((MutableClock) clock).advance(Duration.ofMinutes(1));
        queries = dns.udpQueries() + dns.tcpQueries();
        Document other = page(check(grace, "192.0.2.61", "domain", "cached.test", "timeout", "5"));
        assertThat(other.select(".notice.cached")).isEmpty();
        assertThat(dns.udpQueries() + dns.tcpQueries()).isGreaterThan(queries);
    }
}
