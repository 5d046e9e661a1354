package org.checkersmtp.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.checkersmtp.CheckerSmtpApplication;
import org.checkersmtp.cache.ResultCache;
import org.checkersmtp.cache.ResultCache.CachedValue;
import org.checkersmtp.testsupport.CheckStandIn;
import org.checkersmtp.testsupport.realservers.RedisServer;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two replicas (two application contexts on their own ports) against one real redis-server, as behind
 * a load balancer: a rate limit reached through one holds on the other, a login made on one is valid on
 * the other, the result cache is shared, and a result asked of both at once is computed once.
 */
class SharedStateOnRedisTest {

    private static RedisServer redis;
    private static ConfigurableApplicationContext replicaA;
    private static ConfigurableApplicationContext replicaB;

    @BeforeAll
    static void start() {
        redis = RedisServer.start();
        replicaA = replica();
        replicaB = replica();
    }

    @AfterAll
    static void stop() {
        for (ConfigurableApplicationContext replica : new ConfigurableApplicationContext[] {replicaA, replicaB}) {
            if (replica != null) {
                replica.close();
            }
        }
        if (redis != null) {
            redis.close();
        }
    }

    private static ConfigurableApplicationContext replica() {
        // Command-line arguments: they win over application.yml (builder "properties" would not).
        return new SpringApplicationBuilder(CheckerSmtpApplication.class).run(
                "--server.port=0",
                "--checker.shared-state=redis",
                "--spring.data.redis.host=127.0.0.1",
                "--spring.data.redis.port=" + redis.port(),
                "--checker.security.users[0].username=alice",
                "--checker.security.users[0].password={noop}alice-secret",
                "--checker.security.users[1].username=bob",
                "--checker.security.users[1].password={noop}bob-secret",
                "--checker.rate-limit.user-per-minute=3",
                "--checker.rate-limit.ip-per-minute=100",
                "--checker.rate-limit.failed-logins-per-minute=3",
                // The tests' own address stands for a proxy when a test names a client in X-Forwarded-For.
                "--checker.security.trusted-proxies=127.0.0.1",
                "--checker.probe.result-cache=60s");
    }

    private static String url(ConfigurableApplicationContext replica, String path) {
        return "http://127.0.0.1:" + ((WebServerApplicationContext) replica).getWebServer().getPort() + path;
    }

    /** A browser: cookies are per host (not port), so it carries its session from one replica to the other. */
    private static final class Browser {
        private final HttpClient http = HttpClient.newBuilder()
                .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        /** The client address the proxy (127.0.0.1) names; null: the browser is the peer itself. */
        private final String forwardedFor;

        Browser() {
            this(null);
        }

        Browser(String forwardedFor) {
            this.forwardedFor = forwardedFor;
        }

        private HttpRequest.Builder request(ConfigurableApplicationContext replica, String path) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(replica, path)));
            return forwardedFor == null ? request : request.header("X-Forwarded-For", forwardedFor);
        }

        HttpResponse<String> get(ConfigurableApplicationContext replica, String path) throws Exception {
            return http.send(request(replica, path).build(), HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> post(ConfigurableApplicationContext replica, String path, String form) throws Exception {
            return http.send(request(replica, path).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        }

        /** The sign-in form's POST, with the CSRF token of a fresh login page. */
        HttpResponse<String> signIn(ConfigurableApplicationContext replica, String user, String password)
                throws Exception {
            String csrf = Jsoup.parse(get(replica, "/login").body()).select("input[name=_csrf]").attr("value");
            return post(replica, "/login", "username=" + user + "&password=" + password
                    + "&_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8));
        }

        void login(ConfigurableApplicationContext replica, String user, String password) throws Exception {
            assertThat(signIn(replica, user, password).headers().firstValue("Location")).hasValue("/check");
        }

        /** The session's CSRF token, read from the stand-in page (which needs the login). */
        String csrf(ConfigurableApplicationContext replica) throws Exception {
            HttpResponse<String> page = get(replica, CheckStandIn.PATH);
            assertThat(page.statusCode()).isEqualTo(200);
            return page.body().substring(page.body().lastIndexOf(' ') + 1);
        }

        int check(ConfigurableApplicationContext replica, String csrf) throws Exception {
            return post(replica, CheckStandIn.PATH, "_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8))
                    .statusCode();
        }
    }

    @Test
    void aLoginMadeOnOneReplicaIsValidOnTheOther() throws Exception {
        Browser browser = new Browser();
        assertThat(browser.get(replicaB, CheckStandIn.PATH).headers().firstValue("Location")).hasValue("/login");
        browser.login(replicaA, "bob", "bob-secret");
        HttpResponse<String> onB = browser.get(replicaB, CheckStandIn.PATH);
        assertThat(onB.statusCode()).isEqualTo(200);
        assertThat(onB.body()).startsWith("hello bob ");
        // Signing out on B ends the session on A as well.
        assertThat(browser.post(replicaB, "/logout", "_csrf=" + URLEncoder.encode(browser.csrf(replicaB),
                StandardCharsets.UTF_8)).headers().firstValue("Location")).hasValue("/login?logout");
        assertThat(browser.get(replicaA, CheckStandIn.PATH).headers().firstValue("Location")).hasValue("/login");
    }

    @Test
    void aLimitReachedThroughOneReplicaRefusesOnTheOther() throws Exception {
        Browser browser = new Browser();
        browser.login(replicaA, "alice", "alice-secret");
        String csrf = browser.csrf(replicaA);
        assertThat(browser.check(replicaA, csrf)).isEqualTo(200);
        assertThat(browser.check(replicaB, csrf)).isEqualTo(200);
        assertThat(browser.check(replicaA, csrf)).isEqualTo(200);
        HttpResponse<String> refused = browser.post(replicaB, CheckStandIn.PATH,
                "_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8));
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(browser.check(replicaA, csrf)).isEqualTo(429);
    }

    @Test
    void failedSignInsThroughOneReplicaHoldBackTheAddressOnTheOther() throws Exception {
        Browser guesser = new Browser("203.0.113.7");
        assertThat(guesser.signIn(replicaA, "alice", "guess-1").headers().firstValue("Location"))
                .hasValue("/login?error");
        assertThat(guesser.signIn(replicaB, "alice", "guess-2").headers().firstValue("Location"))
                .hasValue("/login?error");
        assertThat(guesser.signIn(replicaA, "alice", "guess-3").headers().firstValue("Location"))
                .hasValue("/login?error");
        for (ConfigurableApplicationContext replica : List.of(replicaB, replicaA)) {
            HttpResponse<String> refused = guesser.signIn(replica, "alice", "alice-secret");
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        }
        new Browser("203.0.113.8").login(replicaB, "alice", "alice-secret");
    }

    @Test
    void theResultCacheIsShared() {
        replicaA.getBean(ResultCache.class).put("shared.example", "{\"from\":\"A\"}");
        CachedValue onB = replicaB.getBean(ResultCache.class).get("shared.example").orElseThrow();
        assertThat(onB.value()).isEqualTo("{\"from\":\"A\"}");
        assertThat(onB.age()).isLessThan(Duration.ofSeconds(10));
        assertThat(replicaB.getBean(ResultCache.class).get("other.example")).isEmpty();
    }

    @Test
    void twoReplicasAskedForTheSameResultAtOnceComputeItOnce() throws Exception {
        AtomicInteger computations = new AtomicInteger();
        CountDownLatch bothAsked = new CountDownLatch(2);
        java.util.function.Function<ConfigurableApplicationContext, CompletableFuture<CachedValue>> ask =
                replica -> CompletableFuture.supplyAsync(() -> {
                    bothAsked.countDown();
                    awaitQuietly(bothAsked);
                    return replica.getBean(ResultCache.class).getOrCompute("flight.example", Duration.ofSeconds(30),
                            () -> {
                                computations.incrementAndGet();
                                sleepQuietly(Duration.ofMillis(700));
                                return "{\"probed\":true}";
                            });
                });
        CompletableFuture<CachedValue> onA = ask.apply(replicaA);
        CompletableFuture<CachedValue> onB = ask.apply(replicaB);
        CachedValue a = onA.get(30, TimeUnit.SECONDS);
        CachedValue b = onB.get(30, TimeUnit.SECONDS);
        assertThat(computations).hasValue(1);
        assertThat(a.value()).isEqualTo("{\"probed\":true}").isEqualTo(b.value());
        assertThat(a.computed() ^ b.computed()).as("exactly one of them computed").isTrue();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleepQuietly(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
