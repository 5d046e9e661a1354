package org.checkersmtp.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * A real OpenID Connect provider for tests: Spring Authorization Server (Spring Boot's auto-configuration,
 * discovery at {@code /.well-known/openid-configuration}, its own login form) in a context of its own on a
 * random port, with one confidential client that must use PKCE and one user, {@value #USER} (password
 * {@value #PASSWORD}), whose ID token says her name is {@value #NAME}. A {@code @TestConfiguration}, so the
 * service's component scan never picks it up.
 */
@TestConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class OidcProvider {

    public static final String USER = "carol";
    public static final String PASSWORD = "carol-secret";
    public static final String NAME = "Carol Example";

    @Bean
    InMemoryUserDetailsManager providerUsers() {
        return new InMemoryUserDetailsManager(User.withUsername(USER).password("{noop}" + PASSWORD).build());
    }

    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> displayName() {
        return context -> context.getClaims().claim("name", NAME);
    }

    /**
     * Starts a provider that knows the client {@code clientId}/{@code clientSecret} with this one redirect URI.
     * Its session cookie is called {@code cookieName}: a test's cookie jar holds the service's and the
     * provider's cookies side by side (same host; ports do not separate cookies).
     */
    public static ConfigurableApplicationContext start(String clientId, String clientSecret, String redirectUri,
                                                       String cookieName) {
        String client = "spring.security.oauth2.authorizationserver.client.checker.";
        return new SpringApplicationBuilder(OidcProvider.class).properties(Map.of(
                // Not the service's application.yml: this is another program.
                "spring.config.name", "oidc-provider",
                "server.port", "0",
                "server.servlet.session.cookie.name", cookieName,
                client + "registration.client-id", clientId,
                client + "registration.client-secret", "{noop}" + clientSecret,
                client + "registration.client-authentication-methods", "client_secret_basic",
                client + "registration.authorization-grant-types", "authorization_code",
                client + "registration.redirect-uris", redirectUri,
                client + "registration.scopes", "openid,profile,email",
                client + "require-proof-key", "true")).run();
    }

    /** A free port for the service, whose redirect URI the provider must know before either starts. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The provider's issuer, as its discovery document states it. */
    public static String issuer(ConfigurableApplicationContext provider) {
        return "http://127.0.0.1:" + ((WebServerApplicationContext) provider).getWebServer().getPort();
    }
}
