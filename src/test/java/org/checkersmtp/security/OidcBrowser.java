package org.checkersmtp.security;

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
import org.checkersmtp.testsupport.OidcProvider;
import org.jsoup.Jsoup;

/**
 * A browser without script for the OpenID Connect tests: a cookie jar, redirects followed by hand so that
 * each can be looked at, the provider's login form posted.
 */
final class OidcBrowser {

    private final HttpClient http = HttpClient.newBuilder()
            .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();

    HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/html")
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String url, String... nameValues) throws Exception {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < nameValues.length; i += 2) {
            body.append(body.isEmpty() ? "" : "&").append(URLEncoder.encode(nameValues[i], StandardCharsets.UTF_8))
                    .append('=').append(URLEncoder.encode(nameValues[i + 1], StandardCharsets.UTF_8));
        }
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Accept", "text/html").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The Location of a redirect, made absolute against the request's URL. */
    static String location(HttpResponse<?> response) {
        assertThat(response.statusCode()).as("a redirect from %s", response.uri()).isBetween(301, 303);
        return response.uri().resolve(response.headers().firstValue("Location").orElseThrow()).toString();
    }

    /**
     * From the service's sign-in button (its URL) to the provider, signing in there as {@link OidcProvider#USER};
     * returns the callback URL the provider sends the browser back to, not yet visited.
     */
    String signInAtTheProvider(String button) throws Exception {
        String toProvider = location(get(button));
        HttpResponse<String> providerLogin = get(location(get(toProvider)));
        String csrf = Jsoup.parse(providerLogin.body()).select("input[name=_csrf]").attr("value");
        String back = location(post(providerLogin.uri().toString(),
                "username", OidcProvider.USER, "password", OidcProvider.PASSWORD, "_csrf", csrf));
        return location(get(back));
    }
}
