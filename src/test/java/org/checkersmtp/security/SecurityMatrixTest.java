package org.checkersmtp.security;

import static java.net.URLEncoder.encode;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.checkersmtp.testsupport.CheckStandIn;
import org.checkersmtp.testsupport.MutableClock;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.bean.override.convention.TestBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The security matrix of a hosted instance, through the real filter chains: login and its throttle, CSRF,
 * the /check rate limits with their 429 page, the machine API's network and token policy, the security headers.
 * The API's POST routes are called over real HTTP: their body is read asynchronously (api.BodyReadFilter)
 * and the policy must hold on that async dispatch, which MockMvc cannot run.
 * /check itself is built elsewhere; {@link CheckStandIn} stands in for it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "checker.security.users[0].username=alice",
    "checker.security.users[0].password={noop}alice-secret",
    "checker.security.users[1].username=bob",
    "checker.security.users[1].password={bcrypt}$2a$04$vjlCHnvBLKTtzqmSLNIin.1TagFBhj39lf4TNgkHubLrlcQ6hsNi2",
    "checker.security.users[2].username=carol",
    "checker.security.users[2].password={noop}carol-secret",
    "checker.security.users[3].username=dave",
    "checker.security.users[3].password={noop}dave-secret",
    "checker.security.users[4].username=erin",
    "checker.security.users[4].password={noop}erin-secret",
    "checker.security.users[5].username=frank",
    "checker.security.users[5].password={noop}frank-secret",
    // 127.0.0.1: the test's own HTTP client stands for a proxy, naming the client in X-Forwarded-For.
    "checker.security.trusted-proxies=10.0.0.1,127.0.0.1",
    "checker.security.frame-ancestors=https://happydomain.example",
    "checker.rate-limit.user-per-minute=3",
    "checker.rate-limit.ip-per-minute=4",
    "checker.rate-limit.user-per-day=5",
    "checker.rate-limit.failed-logins-per-minute=3",
    "checker.api.allowed-networks=198.51.100.0/24,2001:db8:1::/48",
    "checker.api.token=" + SecurityMatrixTest.TOKEN,
})
@AutoConfigureMockMvc
class SecurityMatrixTest {

    static final String TOKEN = "0123456789abcdef0123456789abcdef";

    @Autowired
    MockMvc mvc;

    @TestBean
    Clock clock;

    static Clock clock() {
        return new MutableClock(Instant.parse("2026-05-01T10:00:00Z"));
    }

    private void advance(Duration duration) {
        ((MutableClock) clock).advance(duration);
    }

    @Autowired
    MeterRegistry meters;

    private static MockHttpServletRequestBuilder from(MockHttpServletRequestBuilder request, String peer) {
        return request.with(r -> {
            r.setRemoteAddr(peer);
            return r;
        });
    }

    private MockHttpSession login(String user, String password) throws Exception {
        MvcResult result = mvc.perform(formLogin("/login").user(user).password(password))
                .andExpect(authenticated().withUsername(user)).andExpect(redirectedUrl("/check")).andReturn();
        return (MockHttpSession) result.getRequest().getSession(false);
    }

    private MvcResult check(MockHttpSession session, String peer, String... headers) throws Exception {
        MockHttpServletRequestBuilder request = from(post(CheckStandIn.PATH).session(session).with(csrf()), peer);
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return mvc.perform(request).andReturn();
    }

    // --- login ---

    @Test
    void anonymousIsSentToTheLoginPage() throws Exception {
        mvc.perform(get("/check")).andExpect(status().isFound()).andExpect(redirectedUrl("/login"));
        mvc.perform(get(CheckStandIn.PATH)).andExpect(status().isFound()).andExpect(redirectedUrl("/login"));
        mvc.perform(post("/check").with(csrf())).andExpect(status().isFound()).andExpect(redirectedUrl("/login"));
    }

    @Test
    void theLoginPageIsAFormWithCsrfInTheSharedLayout() throws Exception {
        String html = mvc.perform(get("/login")).andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("text/html")).andReturn().getResponse()
                .getContentAsString();
        Document page = Jsoup.parse(html);
        assertThat(page.title()).isEqualTo("Sign in · checker-smtp");
        assertThat(page.select("meta[name=viewport]")).hasSize(1);
        assertThat(page.select("header.site-header a.site-name").text()).isEqualTo("checker-smtp");
        assertThat(page.select("footer.site-footer")).hasSize(1);
        assertThat(page.select("header .session")).as("nobody is signed in").isEmpty();
        assertThat(page.select("form[method=post][action=/login] input[name=_csrf][type=hidden]").attr("value"))
                .isNotBlank();
        assertThat(page.select("input[name=username]")).hasSize(1);
        assertThat(page.select("input[name=password][type=password]")).hasSize(1);
        assertThat(page.select("script, link[rel=stylesheet], img")).as("self-contained, no script").isEmpty();
    }

    @Test
    void theFaviconNeedsNoSignInAndFaviconIcoIsNoLonger404() throws Exception {
        mvc.perform(get("/favicon.svg")).andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("image/svg+xml"));
        mvc.perform(get("/favicon.ico")).andExpect(status().isFound()).andExpect(redirectedUrl("/favicon.svg"));
        String login = mvc.perform(get("/login")).andReturn().getResponse().getContentAsString();
        assertThat(Jsoup.parse(login).select("link[rel=icon]").attr("href")).isEqualTo("/favicon.svg");
    }

    @Test
    void aCraftedProviderErrorLinkShowsNoTextOfItsOwn() throws Exception {
        String html = mvc.perform(get("/login").param("provider-error", "Call +1 555 0100 to unlock your account"))
                .andReturn().getResponse().getContentAsString();
        assertThat(Jsoup.parse(html).select("[role=alert] code").text()).isEqualTo("failed");
        assertThat(html).doesNotContain("555 0100");
    }

    @Test
    void aWrongPasswordIsRefusedAndSaidSo() throws Exception {
        mvc.perform(formLogin("/login").user("alice").password("wrong"))
                .andExpect(unauthenticated()).andExpect(redirectedUrl("/login?error"));
        mvc.perform(formLogin("/login").user("nobody").password("alice-secret"))
                .andExpect(unauthenticated()).andExpect(redirectedUrl("/login?error"));
        String page = mvc.perform(get("/login").param("error", "")).andReturn().getResponse().getContentAsString();
        assertThat(Jsoup.parse(page).select("[role=alert]").text()).isEqualTo("Wrong user name or password.");
    }

    /**
     * A sign-in over real HTTP, through the access log and every filter as a browser's, from {@code client} behind the trusted proxy 127.0.0.1: the login page for its CSRF token and
     * session, then the POST. Redirects are not followed: "/check" is a success, "/login?error" a failure.
     */
    private HttpResponse<String> signIn(String user, String password, String client) throws Exception {
        return signIn(user, password, client, "en");
    }

    private HttpResponse<String> signIn(String user, String password, String client, String language)
            throws Exception {
        HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        URI login = URI.create("http://127.0.0.1:" + port + "/login");
        String form = http.send(HttpRequest.newBuilder(login).header("X-Forwarded-For", client).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        String csrf = Jsoup.parse(form).select("input[name=_csrf]").attr("value");
        String body = "username=" + encode(user, UTF_8) + "&password=" + encode(password, UTF_8) + "&_csrf="
                + encode(csrf, UTF_8);
        return http.send(HttpRequest.newBuilder(login).header("X-Forwarded-For", client)
                .header("Accept-Language", language).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void failedSignInsFromOneAddressAreThrottledWithoutTryingThePassword() throws Exception {
        String guesser = "203.0.113.50";
        double before = meters.counter("checker.rate_limit.rejections", "scope", "login").count();
        for (int i = 0; i < 3; i++) {
            assertThat(signIn("alice", "guess-" + i, guesser).headers().firstValue("Location"))
                    .hasValue("/login?error");
        }

        // The fourth attempt is not tried, even with the right password: 429 and the page saying when.
        HttpResponse<String> refused = signIn("alice", "alice-secret", guesser);
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("20");
        Document page = Jsoup.parse(refused.body());
        assertThat(page.select("[role=alert]").text())
                .isEqualTo("Too many failed sign-ins from your network address: this one was not tried. "
                        + "Try again in 20 seconds.");
        assertThat(page.select("form[action=/login] input[name=_csrf]").attr("value")).isNotBlank();
        assertThat(meters.counter("checker.rate_limit.rejections", "scope", "login").count()).isEqualTo(before + 1);
        // In French, the wait too.
        HttpResponse<String> french = signIn("alice", "alice-secret", guesser, "fr");
        assertThat(french.statusCode()).isEqualTo(429);
        assertThat(Jsoup.parse(french.body()).select("[role=alert]").text()).startsWith("Trop de connexions échouées")
                .endsWith("Réessayez dans 20 secondes.");
        assertThat(meters.counter("checker.rate_limit.rejections", "scope", "login").count()).isEqualTo(before + 2);

        // Another address is not affected; the guesser may try again once a failure has refilled.
        assertThat(signIn("alice", "alice-secret", "203.0.113.51").headers().firstValue("Location")).hasValue("/check");
        advance(Duration.ofSeconds(20));
        assertThat(signIn("alice", "alice-secret", guesser).headers().firstValue("Location")).hasValue("/check");
    }

    @Test
    void theRightPasswordOpensASessionForCheck() throws Exception {
        MockHttpSession session = login("alice", "alice-secret");
        mvc.perform(get(CheckStandIn.PATH).session(session)).andExpect(status().isOk())
                .andExpect(content().string(startsWith("hello alice ")));
        MockHttpSession bcrypt = login("bob", "bob-secret");
        mvc.perform(get(CheckStandIn.PATH).session(bcrypt)).andExpect(content().string(startsWith("hello bob ")));
    }

    @Test
    void theHeaderShowsWhoIsSignedInAndSigningOutEndsTheSession() throws Exception {
        MockHttpSession session = login("alice", "alice-secret");
        Document page = Jsoup.parse(mvc.perform(get("/login").session(session)).andReturn().getResponse()
                .getContentAsString());
        assertThat(page.select("header .session strong").text()).isEqualTo("alice");
        assertThat(page.select("header form[action=/logout] input[name=_csrf]")).hasSize(1);
        mvc.perform(post("/logout").session(session).with(csrf())).andExpect(redirectedUrl("/login?logout"));
        mvc.perform(get(CheckStandIn.PATH).session(session)).andExpect(redirectedUrl("/login"));
    }

    @Test
    void formsWithoutTheCsrfTokenAreForbidden() throws Exception {
        mvc.perform(post("/login").param("username", "alice").param("password", "alice-secret"))
                .andExpect(status().isForbidden()).andExpect(unauthenticated());
        MockHttpSession session = login("alice", "alice-secret");
        mvc.perform(post(CheckStandIn.PATH).session(session)).andExpect(status().isForbidden());
        mvc.perform(post("/logout").session(session)).andExpect(status().isForbidden());
        mvc.perform(get(CheckStandIn.PATH).session(session)).andExpect(status().isOk());
    }

    // --- rate limits ---

    @Test
    void overTheUserLimitIs429WithRetryAfterAndAPageSayingWhen() throws Exception {
        MockHttpSession alice = login("alice", "alice-secret");
        double before = meters.counter("checker.rate_limit.rejections", "scope", "user").count();
        for (int i = 0; i < 3; i++) {
            assertThat(check(alice, "192.0.2.10").getResponse().getContentAsString()).isEqualTo("checked");
        }
        MvcResult refused = check(alice, "192.0.2.11");
        assertThat(refused.getResponse().getStatus()).isEqualTo(429);
        assertThat(refused.getResponse().getHeader("Retry-After")).isEqualTo("20");
        Document page = Jsoup.parse(refused.getResponse().getContentAsString());
        assertThat(page.title()).isEqualTo("Too many checks · checker-smtp");
        assertThat(page.select("[role=alert]").text())
                .isEqualTo("You have used the 3 checks allowed per minute for your account.");
        String at = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC)
                .format(clock.instant().plusSeconds(20));
        assertThat(page.select("main").text()).contains("Try again in 20 seconds (at " + at + " UTC)");
        assertThat(page.select("header .session strong").text()).isEqualTo("alice");
        assertThat(meters.counter("checker.rate_limit.rejections", "scope", "user").count()).isEqualTo(before + 1);
    }

    @Test
    void overTheAddressLimitIs429ForEveryoneBehindIt() throws Exception {
        MockHttpSession bob = login("bob", "bob-secret");
        MockHttpSession carol = login("carol", "carol-secret");
        for (int i = 0; i < 3; i++) {
            assertThat(check(bob, "192.0.2.20").getResponse().getStatus()).isEqualTo(200);
        }
        assertThat(check(carol, "192.0.2.20").getResponse().getStatus()).isEqualTo(200);
        MvcResult refused = check(carol, "192.0.2.20");
        assertThat(refused.getResponse().getStatus()).isEqualTo(429);
        assertThat(refused.getResponse().getHeader("Retry-After")).isEqualTo("15");
        assertThat(Jsoup.parse(refused.getResponse().getContentAsString()).select("[role=alert]").text())
                .contains("4 checks allowed per minute from your network address");
        assertThat(check(carol, "192.0.2.21").getResponse().getStatus()).isEqualTo(200);
    }

    @Test
    void behindATrustedProxyTheForwardedClientIsLimitedAndASpoofedHeaderIsNot() throws Exception {
        // Each test has its own users and addresses; the clock is shared, so buckets start full here.
        MockHttpSession erin = login("erin", "erin-secret");
        MockHttpSession frank = login("frank", "frank-secret");
        // Through the trusted proxy, each forwarded client has its own address allowance (4).
        for (int i = 0; i < 5; i++) {
            MockHttpSession who = i < 3 ? erin : frank;
            assertThat(check(who, "10.0.0.1", "X-Forwarded-For", "203.0.113." + (30 + i)).getResponse().getStatus())
                    .isEqualTo(200);
        }
        advance(Duration.ofMinutes(1));
        // An untrusted client names a fresh address each time: ignored, its own address is counted.
        for (int i = 0; i < 4; i++) {
            MockHttpSession who = i % 2 == 0 ? erin : frank;
            assertThat(check(who, "203.0.113.50", "X-Forwarded-For", "198.51.100." + i).getResponse().getStatus())
                    .isEqualTo(200);
        }
        MvcResult refused = check(frank, "203.0.113.50", "X-Forwarded-For", "198.51.100.99");
        assertThat(refused.getResponse().getStatus()).isEqualTo(429);
        assertThat(Jsoup.parse(refused.getResponse().getContentAsString()).select("[role=alert]").text())
                .contains("from your network address");
    }

    @Test
    void theDailyCapHoldsWhenTheMinuteHasPassed() throws Exception {
        MockHttpSession dave = login("dave", "dave-secret");
        advance(Duration.ofMinutes(1));
        int allowed = 0;
        MvcResult last = null;
        for (int i = 0; i < 6 && (last == null || last.getResponse().getStatus() == 200); i++) {
            if (i == 3) {
                advance(Duration.ofMinutes(1));
            }
            last = check(dave, "192.0.2." + (100 + i));
            allowed += last.getResponse().getStatus() == 200 ? 1 : 0;
        }
        assertThat(last.getResponse().getStatus()).isEqualTo(429);
        assertThat(Jsoup.parse(last.getResponse().getContentAsString()).select("[role=alert]").text())
                .isEqualTo("You have used the 5 checks allowed per day for your account.");
        assertThat(Long.parseLong(last.getResponse().getHeader("Retry-After"))).isGreaterThan(23 * 3600);
        assertThat(allowed).isLessThanOrEqualTo(5);
    }

    // --- the machine API ---

    private MockHttpServletRequestBuilder api(MockHttpServletRequestBuilder request, String peer, String token) {
        MockHttpServletRequestBuilder r = from(request, peer);
        return token == null ? r : r.header("Authorization", "Bearer " + token);
    }

    @LocalServerPort
    int port;

    /** A POST over real HTTP through the trusted proxy 127.0.0.1, for the client {@code forwardedFor}. */
    private HttpResponse<String> postApi(String path, String body, String forwardedFor, String token,
                                         String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("X-Forwarded-For", forwardedFor).POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theApiLetsInAnAllowedNetworkOrTheToken() throws Exception {
        // happyDomain's way: no credentials, from an allowed network (IPv4 or IPv6).
        mvc.perform(api(get("/definition"), "198.51.100.7", null)).andExpect(status().isOk());
        mvc.perform(api(get("/definition"), "2001:db8:1:2::7", null)).andExpect(status().isOk());
        HttpResponse<String> happyDomain = postApi("/collect", "{}", "198.51.100.7", null);
        assertThat(happyDomain.statusCode()).as("reaches the handler, which wants a domain").isEqualTo(400);
        assertThat(happyDomain.body()).contains("domain");
        // Anyone else needs the token.
        mvc.perform(api(get("/definition"), "203.0.113.7", TOKEN)).andExpect(status().isOk());
        mvc.perform(api(get("/definition"), "203.0.113.7", null)).andExpect(status().isUnauthorized());
        HttpResponse<String> missing = postApi("/collect", "{}", "203.0.113.7", null);
        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(missing.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(missing.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(missing.body()).isEqualTo("{\"error\":\"missing bearer token\"}\n");
        HttpResponse<String> wrong = postApi("/collect", "{}", "203.0.113.7", TOKEN + "x");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).isEqualTo("{\"error\":\"invalid bearer token\"}\n");
        assertThat(postApi("/report", "{}", "203.0.113.7", "short").statusCode()).isEqualTo(401);
        // Accepted: reaches the handler, no session, no CSRF token needed.
        HttpResponse<String> accepted = postApi("/collect", "{}", "203.0.113.7", TOKEN);
        assertThat(accepted.statusCode()).isEqualTo(400);
        assertThat(accepted.body()).contains("domain");
        assertThat(accepted.headers().firstValue("Set-Cookie")).isEmpty();
    }

    @Test
    void theNetworkPolicyReadsTheClientBehindATrustedProxyOnly() throws Exception {
        mvc.perform(api(get("/definition"), "10.0.0.1", null).header("X-Forwarded-For", "198.51.100.7"))
                .andExpect(status().isOk());
        mvc.perform(api(get("/definition"), "10.0.0.1", null).header("X-Forwarded-For", "203.0.113.7"))
                .andExpect(status().isUnauthorized());
        mvc.perform(api(get("/definition"), "203.0.113.7", null).header("X-Forwarded-For", "198.51.100.7"))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void actuatorFollowsTheApiPolicyButHealthStaysOpen() throws Exception {
        mvc.perform(api(get("/actuator/prometheus"), "203.0.113.7", null)).andExpect(status().isUnauthorized());
        mvc.perform(api(get("/actuator/info"), "203.0.113.7", null)).andExpect(status().isUnauthorized());
        mvc.perform(api(get("/actuator/info"), "203.0.113.7", TOKEN)).andExpect(status().isOk());
        mvc.perform(api(get("/actuator/info"), "198.51.100.7", null)).andExpect(status().isOk());
        mvc.perform(api(get("/health"), "203.0.113.7", null)).andExpect(status().isOk());
        mvc.perform(api(get("/actuator/health"), "203.0.113.7", null)).andExpect(status().isOk());
        mvc.perform(api(get("/actuator/health/liveness"), "203.0.113.7", null))
                .andExpect(result -> assertThat(result.getResponse().getStatus()).isNotIn(401, 403));
    }

    @Test
    void pagesAreNeverGuardedByTheApiToken() throws Exception {
        mvc.perform(api(get("/login"), "203.0.113.7", null)).andExpect(status().isOk());
    }

    // --- headers ---

    @Test
    void pagesCarryAStrictPolicy() throws Exception {
        mvc.perform(get("/login"))
                .andExpect(header().string("Content-Security-Policy", SecurityConfiguration.PAGES_CSP))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                .andExpect(header().string("X-Frame-Options", "DENY"))
                .andExpect(header().string("Referrer-Policy", "same-origin"));
        assertThat(SecurityConfiguration.PAGES_CSP).contains("script-src 'self';").doesNotContain("unsafe-eval")
                .contains("frame-ancestors 'none'");
    }

    @Test
    void theReportMayBeFramedByTheConfiguredAncestorsOnly() throws Exception {
        HttpResponse<String> report = postApi("/report", "{}", "198.51.100.7", null, "Accept", "text/html");
        assertThat(report.headers().firstValue("Content-Security-Policy")).hasValue(
                "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; "
                        + "form-action 'none'; frame-ancestors https://happydomain.example");
        assertThat(report.headers().firstValue("X-Frame-Options")).isEmpty();
        assertThat(report.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        HttpResponse<String> collect = postApi("/collect", "{}", "198.51.100.7", null);
        assertThat(collect.headers().firstValue("Content-Security-Policy"))
                .hasValue("default-src 'none'; frame-ancestors 'none'");
        assertThat(collect.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        HttpResponse<String> refused = postApi("/collect", "{}", "203.0.113.7", null);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("X-Frame-Options")).as("refusals too").hasValue("DENY");
        MvcResult definition = mvc.perform(api(get("/definition"), "198.51.100.7", null)).andReturn();
        assertThat(definition.getResponse().getHeader("Content-Security-Policy"))
                .isEqualTo("default-src 'none'; frame-ancestors 'none'");
        assertThat(definition.getResponse().getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
    }

}
