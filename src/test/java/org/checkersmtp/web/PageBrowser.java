package org.checkersmtp.web;

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
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jsoup.Jsoup;

/**
 * The page's client over real HTTP, as a browser without script would be: a cookie jar, the login form,
 * the CSRF token read from the check form, and the streamed check read as it arrives (MockMvc cannot
 * show what an event stream sends after its handler returned).
 */
final class PageBrowser {

    /** One server-sent event and when it arrived (nanoTime). */
    record Event(String name, String data, long arrivedNanos) {
    }

    private final String base;
    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient http = HttpClient.newBuilder()
            .cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();

    PageBrowser(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** GET with an Accept header of the caller's choosing (a program asking for JSON). */
    HttpResponse<String> get(String path, String accept) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", accept).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String... nameValues) throws Exception {
        return http.send(form(path, nameValues), HttpResponse.BodyHandlers.ofString());
    }

    void login(String user, String password) throws Exception {
        String csrf = Jsoup.parse(get("/login").body()).select("input[name=_csrf]").attr("value");
        HttpResponse<String> login = post("/login", "username", user, "password", password, "_csrf", csrf);
        assertThat(login.headers().firstValue("Location")).hasValue("/check");
    }

    /** The Cookie header this browser sends, for a client that speaks HTTP on a raw socket. */
    String cookieHeader() {
        return String.join("; ", cookies.getCookieStore().getCookies().stream().map(Object::toString).toList());
    }

    /** The session's CSRF token, as the check form carries it. */
    String csrf() throws Exception {
        return Jsoup.parse(get("/check").body()).select("#check-form input[name=_csrf]").attr("value");
    }

    /** POST /check/progress with the form, its events read to the end of the stream. */
    List<Event> stream(String... nameValues) throws Exception {
        HttpResponse<Stream<String>> response = http.send(stream(form(CheckController.PROGRESS, nameValues)),
                HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/event-stream"));
        assertThat(response.headers().firstValue("X-Accel-Buffering")).as("a proxy passes events on at once")
                .hasValue("no");
        List<Event> events = new ArrayList<>();
        String name = null;
        StringBuilder data = new StringBuilder();
        for (String line : (Iterable<String>) response.body()::iterator) {
            if (line.startsWith("event:")) {
                name = line.substring(6);
            } else if (line.startsWith("data:")) {
                data.append(line.substring(5));
            } else if (line.isEmpty() && name != null) {
                events.add(new Event(name, data.toString(), System.nanoTime()));
                name = null;
                data.setLength(0);
            }
        }
        return events;
    }

    /** As check.js asks: an event stream, or else the page that says why not. */
    static HttpRequest stream(HttpRequest request) {
        return HttpRequest.newBuilder(request, (name, value) -> true)
                .header("Accept", "text/event-stream, text/html;q=0.9").build();
    }

    private HttpRequest form(String path, String... nameValues) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < nameValues.length; i += 2) {
            body.append(body.isEmpty() ? "" : "&").append(URLEncoder.encode(nameValues[i], StandardCharsets.UTF_8))
                    .append('=').append(URLEncoder.encode(nameValues[i + 1], StandardCharsets.UTF_8));
        }
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(120))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
    }
}
