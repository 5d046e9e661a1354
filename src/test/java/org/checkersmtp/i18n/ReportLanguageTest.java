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
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * POST /report (HTML) of the bench's twenty endpoints, judged by the service: without Accept-Language the
 * report is the English one, byte for byte as before (the golden file of report.EnglishReportGoldenTest); with
 * {@code Accept-Language: fr} the open relay's message and fix are in French, the Postfix settings in the fix as
 * they are (no-break spaces read as spaces here), and so are the report's own headings, labels, session endings,
 * times and numbers, while the transcripts and the commands stay as they are.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReportLanguageTest {

    private static final Catalogue CATALOGUE = Catalogue.classpath();

    @LocalServerPort
    int port;

    private String report(String acceptLanguage) throws Exception {
        return Jsoup.parse(page(acceptLanguage)).text().replace('\u00a0', ' ');
    }

    private String page(String acceptLanguage) throws Exception {
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
        return r.body();
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

    @Test
    void withoutAcceptLanguageTheReportIsTheEnglishOneByteForByte() throws Exception {
        assertThat(page(null)).isEqualTo(Files.readString(Path.of("src/test/resources/i18n/report-twenty-endpoints.en.html")));
    }

    @Test
    void inFrenchTheReportsOwnWordsTimesAndNumbersAreFrenchAndTheTranscriptsAndCommandsUnchanged() throws Exception {
        Document fr = Jsoup.parse(page("fr-FR,fr;q=0.9"));
        Document en = Jsoup.parse(page(null));
        assertThat(fr.selectFirst("html").attr("lang")).isEqualTo("fr");
        assertThat(fr.title()).isEqualTo("Rapport SMTP pour example.org");
        assertThat(fr.select("h2").eachText()).containsExactly("À corriger", "Enregistrements MX",
                "Points de livraison", "Tous les verdicts");
        Element checked = fr.selectFirst("header time");
        assertThat(checked.text()).matches("\\d{1,2} [a-zéû]+ \\d{4} à \\d\\d:\\d\\d:\\d\\d UTC");
        assertThat(checked.attr("datetime")).isEqualTo(en.selectFirst("header time").attr("datetime"));
        // The twenty endpoints' two IPv6 addresses that never answered: French endings, grouped digits.
        assertThat(fr.select("#endpoints tr").eachText()).contains(
                "Session Échec de la connexion à l'étape connect" + " : connect timed out after 12000 ms · 12\u202f000 ms");
        assertThat(fr.select("#endpoints th").eachText()).contains("Famille", "Connexion TCP", "Bannière", "Session")
                .doesNotContain("Family", "TCP connect", "Greeting", "Reverse DNS", "Certificate");
        assertThat(fr.select("#endpoints summary").eachText()).containsOnly("Transcription");
        assertThat(fr.select("#what-to-fix .label").eachText()).doesNotContain("Fix:", "Reproduce:");
        assertThat(fr.select("#states th").eachText()).containsExactly("État", "Règle", "Sujet", "Message");
        assertThat(fr.select("#endpoints pre").eachText()).isEqualTo(en.select("#endpoints pre").eachText());
        assertThat(fr.select("code").eachText()).isEqualTo(en.select("code").eachText());
    }
}
