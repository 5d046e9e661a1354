package org.checkersmtp.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.checkersmtp.testsupport.OidcProvider;
import org.checkersmtp.testsupport.ZoneDnsServer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Sign-in through a real OpenID Connect provider: Spring Authorization Server, in a context of its own on its
 * own port, with one registered client and one user (carol). The service finds it by its issuer (discovery),
 * sends the browser there with PKCE, verifies the ID token it gets back, and names the user by issuer and
 * subject. A tampered {@code state} and an ID token issued by a second provider are refused.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = {
    "checker.security.users[0].username=alice",
    "checker.security.users[0].password={noop}alice-secret",
    "checker.rate-limit.user-per-minute=1",
    "checker.rate-limit.ip-per-minute=20",
})
@DirtiesContext
class OidcSignInTest {

    private static final String CLIENT_ID = "checker-smtp";
    private static final String CLIENT_SECRET = "checker-smtp-secret";

    private static final int PORT = OidcProvider.freePort();
    private static ZoneDnsServer dns;
    private static ConfigurableApplicationContext provider;
    private static ConfigurableApplicationContext secondProvider;

    /**
     * "one" is the provider found by discovery; "impostor" trusts the same issuer and keys but its browser
     * and token endpoints are the second provider's, so the ID token it receives is that provider's.
     */
    @DynamicPropertySource
    static void providers(DynamicPropertyRegistry registry) {
        dns = new ZoneDnsServer("nomail.test. 300 IN MX 0 .");
        provider = OidcProvider.start(CLIENT_ID, CLIENT_SECRET, service("/login/oauth2/code/one"), "PROVIDER1");
        secondProvider = OidcProvider.start(CLIENT_ID, CLIENT_SECRET, service("/login/oauth2/code/impostor"), "PROVIDER2");
        String issuer = OidcProvider.issuer(provider);
        String second = OidcProvider.issuer(secondProvider);
        registry.add("server.port", () -> PORT);
        registry.add("checker.dns.servers", dns::address);
        for (String id : new String[] {"one", "impostor"}) {
            String registration = "spring.security.oauth2.client.registration." + id + ".";
            registry.add(registration + "client-id", () -> CLIENT_ID);
            registry.add(registration + "client-secret", () -> CLIENT_SECRET);
            registry.add(registration + "scope", () -> "openid,profile,email");
            registry.add(registration + "provider", () -> id);
            registry.add("spring.security.oauth2.client.provider." + id + ".issuer-uri", () -> issuer);
        }
        registry.add("spring.security.oauth2.client.registration.one.client-name", () -> "Provider One");
        registry.add("spring.security.oauth2.client.registration.impostor.client-name", () -> "Impostor");
        registry.add("spring.security.oauth2.client.provider.impostor.authorization-uri", () -> second + "/oauth2/authorize");
        registry.add("spring.security.oauth2.client.provider.impostor.token-uri", () -> second + "/oauth2/token");
    }

    @AfterAll
    static void stopProviders() {
        provider.close();
        secondProvider.close();
        dns.close();
    }

    private static String service(String path) {
        return "http://127.0.0.1:" + PORT + path;
    }

    private static String throughTheProvider(OidcBrowser browser, String registrationId) throws Exception {
        String callback = browser.signInAtTheProvider(service("/oauth2/authorization/" + registrationId));
        assertThat(callback).startsWith(service("/login/oauth2/code/" + registrationId + "?code="));
        return callback;
    }

    private static Document page(HttpResponse<String> response) {
        return Jsoup.parse(response.body());
    }

    private static void assertSignedOut(OidcBrowser browser) throws Exception {
        HttpResponse<String> check = browser.get(service("/check"));
        assertThat(check.statusCode()).isEqualTo(302);
        assertThat(check.headers().firstValue("Location")).hasValue("/login");
    }

    @Test
    void theLoginPageOffersEachProviderBesideTheForm() throws Exception {
        Document login = page(new OidcBrowser().get(service("/login")));
        assertThat(login.select("form input#username")).hasSize(1);
        assertThat(login.select(".providers a")).extracting(a -> a.text() + " " + a.attr("href"))
                .containsExactlyInAnyOrder("Sign in with Provider One /oauth2/authorization/one",
                        "Sign in with Impostor /oauth2/authorization/impostor");
    }

    @Test
    void signingInWithTheProviderUsesPkceAndChecksAsThatUserUnderTheirOwnLimit() throws Exception {
        OidcBrowser browser = new OidcBrowser();
        HttpResponse<String> authorize = browser.get(service("/oauth2/authorization/one"));
        URI toProvider = URI.create(OidcBrowser.location(authorize));
        assertThat(toProvider.toString()).startsWith(OidcProvider.issuer(provider) + "/oauth2/authorize?");
        assertThat(toProvider.getRawQuery()).contains("response_type=code", "code_challenge_method=S256", "nonce=")
                .containsPattern("code_challenge=[A-Za-z0-9_-]{43}")
                .contains("redirect_uri=" + service("/login/oauth2/code/one"));

        String callback = throughTheProvider(browser, "one");
        HttpResponse<String> signedIn = browser.get(callback);
        assertThat(OidcBrowser.location(signedIn)).isEqualTo(service("/check"));
        Document form = page(browser.get(service("/check")));
        assertThat(form.select(".session strong").text()).isEqualTo(OidcProvider.NAME);

        // A check as carol; her allowance (one a minute) is hers: the next is refused, alice's is untouched.
        String csrf = form.select("#check-form input[name=_csrf]").attr("value");
        HttpResponse<String> result = browser.post(service("/check"), "_csrf", csrf, "domain", "nomail.test");
        assertThat(result.statusCode()).isEqualTo(200);
        assertThat(page(result).select("#result h1").text()).contains("nomail.test");
        HttpResponse<String> again = browser.post(service("/check"), "_csrf", csrf, "domain", "nomail.test");
        assertThat(again.statusCode()).isEqualTo(429);
        OidcBrowser alice = new OidcBrowser();
        String aliceCsrf = page(alice.get(service("/login"))).select("input[name=_csrf]").attr("value");
        alice.post(service("/login"), "username", "alice", "password", "alice-secret", "_csrf", aliceCsrf);
        String aliceForm = page(alice.get(service("/check"))).select("#check-form input[name=_csrf]").attr("value");
        assertThat(alice.post(service("/check"), "_csrf", aliceForm, "domain", "nomail.test").statusCode())
                .isEqualTo(200);

        // Signing out ends the session here (not at the provider).
        OidcBrowser.location(browser.post(service("/logout"), "_csrf", csrf));
        assertSignedOut(browser);
    }

    @Test
    void aTamperedStateIsRefusedAndNobodyIsSignedIn() throws Exception {
        OidcBrowser browser = new OidcBrowser();
        String callback = throughTheProvider(browser, "one");
        Matcher state = Pattern.compile("state=([^&]+)").matcher(callback);
        assertThat(state.find()).isTrue();
        String tampered = callback.replace("state=" + state.group(1), "state=" + state.group(1) + "x");

        HttpResponse<String> refused = browser.get(tampered);
        assertThat(OidcBrowser.location(refused)).isEqualTo(service("/login?provider-error=authorization_request_not_found"));
        Document login = page(browser.get(OidcBrowser.location(refused)));
        assertThat(login.select("[role=alert]").text()).contains("Signing in through your provider failed")
                .contains("authorization_request_not_found").contains("nobody was signed in");
        assertSignedOut(browser);
    }

    @Test
    void aSignInLinkNamingNoConfiguredProviderSaysSoOnTheLoginPage() throws Exception {
        // A stale bookmark, or a provider the operator removed: no server fault, nobody signed in.
        OidcBrowser browser = new OidcBrowser();
        HttpResponse<String> refused = browser.get(service("/oauth2/authorization/removed"));
        assertThat(refused.statusCode()).isEqualTo(302);
        assertThat(OidcBrowser.location(refused))
                .isEqualTo(service("/login?provider-error=client_registration_not_found"));
        Document login = page(browser.get(OidcBrowser.location(refused)));
        assertThat(login.select("[role=alert]").text()).contains("Signing in through your provider failed")
                .contains("client_registration_not_found");
        assertThat(login.select(".providers a").eachAttr("href")).contains("/oauth2/authorization/one");
        assertSignedOut(browser);
    }

    @Test
    void anIdTokenFromAnotherProviderIsRefused() throws Exception {
        OidcBrowser browser = new OidcBrowser();
        String callback = throughTheProvider(browser, "impostor");
        HttpResponse<String> refused = browser.get(callback);
        assertThat(OidcBrowser.location(refused)).isEqualTo(service("/login?provider-error=invalid_id_token"));
        assertSignedOut(browser);
    }
}
