package org.checkersmtp.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.checkersmtp.cache.ResultCache;
import org.checkersmtp.ratelimit.CheckRateLimiter;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.session.SessionRepository;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Out of the box (no property set): the machine API is open as the Go SDK's, a user is generated for the
 * page, and everything shared lives in memory — nothing even tries to reach a Redis server.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class DefaultSetupTest {

    /** Where a Redis would be if anything looked for one: a socket we watch for connections. */
    private static final ServerSocket NOT_REDIS = listen();

    @DynamicPropertySource
    static void redisAddress(DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.host", () -> "127.0.0.1");
        registry.add("spring.data.redis.port", NOT_REDIS::getLocalPort);
    }

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    private final HttpClient http = HttpClient.newHttpClient();

    private static ServerSocket listen() {
        try {
            ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
            socket.setSoTimeout(1);
            return socket;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void close() throws IOException {
        NOT_REDIS.close();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    }

    @Test
    void theApiIsOpenWithoutCredentialsOrCsrfToken() throws Exception {
        assertThat(send(request("/definition")).statusCode()).isEqualTo(200);
        assertThat(send(request("/health")).statusCode()).isEqualTo(200);
        HttpResponse<String> collect = send(request("/collect").POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(collect.statusCode()).as("reaches the handler, which wants a domain").isEqualTo(400);
        assertThat(collect.body()).contains("domain");
        assertThat(collect.headers().firstValue("Set-Cookie")).as("stateless").isEmpty();
        assertThat(send(request("/actuator/health")).body()).contains("\"status\":\"UP\"");
        assertThat(send(request("/actuator/prometheus")).statusCode()).isNotIn(401, 403);
    }

    /** Logs in with the generated password; returns the session cookie. */
    private String loginWithTheGeneratedPassword(CapturedOutput output) throws Exception {
        Matcher logged = Pattern.compile("Using generated password for user 'user': ([0-9a-f]{32})")
                .matcher(output.getOut());
        assertThat(logged.find()).as("the password is logged").isTrue();
        assertThat(logged.find()).as("once").isFalse();
        logged.reset().find();

        HttpResponse<String> loginPage = send(request("/login"));
        String cookie = loginPage.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
        String csrf = Jsoup.parse(loginPage.body()).select("input[name=_csrf]").attr("value");
        HttpResponse<String> login = send(form("/login", cookie, "username=user&password=" + logged.group(1)
                + "&_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8)));
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location")).hasValue("/check");
        return login.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
    }

    private HttpRequest.Builder form(String path, String cookie, String body) {
        return request(path).header("Cookie", cookie).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    @Test
    void theGeneratedUserCanLogInAndTheCheckFormStillNeedsItsCsrfToken(CapturedOutput output) throws Exception {
        String session = loginWithTheGeneratedPassword(output);
        // Over real HTTP, where work requests' bodies are read asynchronously: the form is not one of them.
        assertThat(send(form("/check", session, "domain=example.com")).statusCode()).isEqualTo(403);
        HttpResponse<String> anonymous = send(request("/check"));
        assertThat(anonymous.statusCode()).isEqualTo(302);
        assertThat(anonymous.headers().firstValue("Location")).hasValue("/login");
    }

    @Test
    void nothingRedisExistsAndNothingConnectedToIt() throws Exception {
        assertThat(context.getBeanNamesForType(RedisConnectionFactory.class)).isEmpty();
        assertThat(context.getBeanNamesForType(SessionRepository.class)).isEmpty();
        assertThat(context.getBean(CheckRateLimiter.class)).isNotNull();
        assertThat(context.getBean(ResultCache.class).getClass().getSimpleName()).isEqualTo("CaffeineResultCache");
        send(request("/actuator/health"));
        try {
            NOT_REDIS.accept().close();
            throw new AssertionError("something connected to spring.data.redis.port with checker.shared-state=memory");
        } catch (SocketTimeoutException expected) {
            // Nobody knocked.
        }
    }
}
