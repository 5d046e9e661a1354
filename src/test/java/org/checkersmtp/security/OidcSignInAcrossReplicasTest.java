package org.checkersmtp.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.checkersmtp.CheckerSmtpApplication;
import org.checkersmtp.testsupport.OidcProvider;
import org.checkersmtp.testsupport.realservers.RedisServer;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Behind a load balancer the browser may leave for the provider from one replica and come back to
 * another: two replicas sharing a real redis-server (checker.shared-state=redis), the sign-in started on
 * A, the provider's callback answered by B (the authorization request, its state and PKCE verifier, found
 * in the shared session), and the signed-in session then valid on A.
 */
class OidcSignInAcrossReplicasTest {

    private static final int PORT_A = OidcProvider.freePort();
    private static final int PORT_B = OidcProvider.freePort();

    private static RedisServer redis;
    private static ConfigurableApplicationContext provider;
    private static ConfigurableApplicationContext replicaA;
    private static ConfigurableApplicationContext replicaB;

    @BeforeAll
    static void start() {
        redis = RedisServer.start();
        provider = OidcProvider.start("checker-smtp", "checker-smtp-secret",
                "http://127.0.0.1:" + PORT_B + "/login/oauth2/code/one", "PROVIDER");
        replicaA = replica(PORT_A);
        replicaB = replica(PORT_B);
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable closing : new AutoCloseable[] {replicaA, replicaB, provider, redis}) {
            if (closing != null) {
                try {
                    closing.close();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    /** Both replicas name B's callback as the redirect URI, as both would name the load balancer's. */
    private static ConfigurableApplicationContext replica(int port) {
        String registration = "--spring.security.oauth2.client.registration.one.";
        return new SpringApplicationBuilder(CheckerSmtpApplication.class).run(
                "--server.port=" + port,
                "--checker.shared-state=redis",
                "--spring.data.redis.host=127.0.0.1",
                "--spring.data.redis.port=" + redis.port(),
                "--checker.security.form-login.enabled=false",
                registration + "client-id=checker-smtp",
                registration + "client-secret=checker-smtp-secret",
                registration + "scope=openid,profile,email",
                registration + "redirect-uri=http://127.0.0.1:" + PORT_B + "/login/oauth2/code/one",
                registration + "provider=one",
                "--spring.security.oauth2.client.provider.one.issuer-uri=" + OidcProvider.issuer(provider));
    }

    @Test
    void theCallbackReachesTheOtherReplicaAndTheSignInHoldsOnBoth() throws Exception {
        OidcBrowser browser = new OidcBrowser();
        String callback = browser.signInAtTheProvider("http://127.0.0.1:" + PORT_A + "/oauth2/authorization/one");
        assertThat(callback).startsWith("http://127.0.0.1:" + PORT_B + "/login/oauth2/code/one?code=");

        HttpResponse<String> signedIn = browser.get(callback);
        assertThat(OidcBrowser.location(signedIn)).isEqualTo("http://127.0.0.1:" + PORT_B + "/check");
        for (int port : new int[] {PORT_A, PORT_B}) {
            HttpResponse<String> form = browser.get("http://127.0.0.1:" + port + "/check");
            assertThat(form.statusCode()).as("signed in on :%d", port).isEqualTo(200);
            assertThat(Jsoup.parse(form.body()).select(".session strong").text()).isEqualTo(OidcProvider.NAME);
        }
        // With the form off, the sign-in page offers the provider alone.
        var login = Jsoup.parse(browser.get("http://127.0.0.1:" + PORT_A + "/login").body());
        assertThat(login.select("input#username")).isEmpty();
        assertThat(login.select(".providers a").attr("href")).isEqualTo("/oauth2/authorization/one");
    }
}
