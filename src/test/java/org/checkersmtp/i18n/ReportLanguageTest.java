package org.checkersmtp.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.checkersmtp.json.GoJson;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * POST /report (HTML) of the bench's twenty endpoints, judged by the service: without Accept-Language the
 * findings are in English as before; with {@code Accept-Language: fr} the open relay's message and fix are in
 * French, the Postfix settings in the fix as they are (no-break spaces read as spaces here).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReportLanguageTest {

    private static final Catalogue CATALOGUE = Catalogue.classpath();

    @LocalServerPort
    int port;

    private String report(String acceptLanguage) throws Exception {
        byte[] observation = Files.readAllBytes(Path.of("src/bench/resources/observations/twenty-endpoints.json"));
        byte[] body = GoJson.encode(Map.of("data", GoJson.mapper().readTree(observation)));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/report"))
                .header("Content-Type", "application/json").header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (acceptLanguage != null) {
            request.header("Accept-Language", acceptLanguage);
        }
        HttpResponse<String> r = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return Jsoup.parse(r.body()).text().replace('\u00a0', ' ');
    }

    @Test
    void theReportsFindingsFollowAcceptLanguage() throws Exception {
        String englishFix = CATALOGUE.text("smtp.open_relay.fix", Locale.ENGLISH);
        String frenchFix = CATALOGUE.text("smtp.open_relay.fix", Locale.FRENCH).replace('\u00a0', ' ');
        assertThat(frenchFix).isNotEqualTo(englishFix)
                .contains("smtpd_relay_restrictions = permit_mynetworks, permit_sasl_authenticated, "
                        + "reject_unauth_destination");

        assertThat(report(null)).contains(englishFix, "is an open relay").doesNotContain(frenchFix);
        assertThat(report("fr-FR,fr;q=0.9")).contains(frenchFix, "est un relais ouvert :")
                .doesNotContain(englishFix);
    }
}
