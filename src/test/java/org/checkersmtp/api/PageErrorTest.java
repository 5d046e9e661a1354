package org.checkersmtp.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;

/**
 * A failed page path is a page for a browser (AccessibilityTest judges it), and stays the Go-style
 * answer for any other client; the machine API's unknown paths are Go's even for a browser.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PageErrorTest {

    private static final String BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(String path, String accept) throws Exception {
        return get(path, accept, null);
    }

    private HttpResponse<String> get(String path, String accept, String language) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (accept != null) {
            request.header("Accept", accept);
        }
        if (language != null) {
            request.header("Accept-Language", language);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anUnknownPagePathIsAPageForABrowser_textForOthers() throws Exception {
        HttpResponse<String> page = get("/r/some/where", BROWSER);
        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        Document html = Jsoup.parse(page.body());
        assertThat(html.title()).isEqualTo("Page not found · checker-smtp");
        assertThat(html.selectFirst("html").attr("lang")).isEqualTo("en");
        assertThat(html.selectFirst("h1").text()).isEqualTo("Page not found");

        HttpResponse<String> curl = get("/r/some/where", "*/*");
        assertThat(curl.statusCode()).isEqualTo(404);
        assertThat(curl.body()).isEqualTo("404 page not found\n");
    }

    @Test
    void aMalformedParameterIsA400_aPageForABrowser_jsonForOthers() throws Exception {
        HttpResponse<String> page = get("/r?page=first", BROWSER);
        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(Jsoup.parse(page.body()).selectFirst("h1").text()).isEqualTo("Bad Request");

        HttpResponse<String> json = get("/r?page=first", "application/json");
        assertThat(json.statusCode()).isEqualTo(400);
        assertThat(json.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        assertThat(json.body()).doesNotContain("Exception").contains("\"error\"");
    }

    @Test
    void inFrench_thePageAndItsStatusAreSaidInFrench() throws Exception {
        Document missing = Jsoup.parse(get("/r/some/where", BROWSER, "fr-FR,fr;q=0.9").body());
        assertThat(missing.selectFirst("html").attr("lang")).isEqualTo("fr");
        assertThat(missing.title()).isEqualTo("Page introuvable · checker-smtp");
        assertThat(missing.select("main p").first().text()).isEqualTo("Il n'y a pas de page à cette adresse.");

        HttpResponse<String> bad = get("/r?page=first", BROWSER, "fr");
        assertThat(bad.statusCode()).isEqualTo(400);
        Document page = Jsoup.parse(bad.body());
        assertThat(page.selectFirst("h1").text()).isEqualTo("Requête incorrecte");
        assertThat(page.select("main p").first().text())
                .isEqualTo("La requête n'a pas pu aboutir (400 Requête incorrecte).");
        assertThat(Jsoup.parse(get("/r?page=first", BROWSER).body()).select("main p").first().text())
                .isEqualTo("The request could not be answered (400 Bad Request).");
    }

    /** The English of each status the catalogue says is HTTP's own reason phrase: the English page is unchanged. */
    @Test
    void theCataloguesStatusesAreHttpsReasonPhrasesInEnglish() throws Exception {
        Properties english = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/messages.properties")) {
            english.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        List<String> statuses = english.stringPropertyNames().stream().filter(k -> k.startsWith("error.status."))
                .toList();
        assertThat(statuses).isNotEmpty();
        for (String key : statuses) {
            assertThat(english.getProperty(key)).as(key).isEqualTo(
                    HttpStatus.valueOf(Integer.parseInt(key.substring("error.status.".length()))).getReasonPhrase());
        }
    }

    @Test
    void theMachineApisUnknownPathsStayGoStyleForABrowserToo() throws Exception {
        HttpResponse<String> nope = get("/nope", BROWSER);
        assertThat(nope.statusCode()).isEqualTo(404);
        assertThat(nope.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
        assertThat(nope.body()).isEqualTo("404 page not found\n");
    }
}
