package org.checkersmtp.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.checkersmtp.json.GoJson;
import org.checkersmtp.testsupport.SampleObservations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * POST /evaluate without Accept-Language answers, byte for byte, what it answered before the messages moved
 * into the catalogue: happyDomain and scripts see the same English (the saved answers in
 * src/test/resources/i18n were taken from the service before that change). A caller that asks gets French.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EvaluateLanguageTest {

    @LocalServerPort
    int port;

    private HttpResponse<byte[]> evaluate(String fixture, String acceptLanguage) throws Exception {
        byte[] observation = fixture.equals("sample")
                ? GoJson.encode(SampleObservations.oneGoodEndpoint())
                : Files.readAllBytes(Path.of("src/bench/resources/observations/" + fixture + ".json"));
        byte[] body = GoJson.encode(Map.of("observations", Map.of("smtp", GoJson.mapper().readTree(observation)),
                "options", Map.of()));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/evaluate"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (acceptLanguage != null) {
            request.header("Accept-Language", acceptLanguage);
        }
        HttpResponse<byte[]> r = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        return r;
    }

    @ParameterizedTest
    @ValueSource(strings = {"two-endpoints", "twenty-endpoints", "sample"})
    void withoutAcceptLanguageEvaluateAnswersTheSameEnglishBytes(String fixture) throws Exception {
        HttpResponse<byte[]> r = evaluate(fixture, null);
        Path saved = Path.of("src/test/resources/i18n/evaluate-" + fixture + ".json");
        assertThat(new String(r.body(), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo(Files.readString(saved));
    }

    /** A caller that asks for French gets the messages and fixes in French; codes and commands do not change. */
    @Test
    void acceptLanguageFrenchAnswersInFrench() throws Exception {
        JsonNode english = GoJson.mapper().readTree(evaluate("twenty-endpoints", null).body()).get("states");
        JsonNode french = GoJson.mapper().readTree(evaluate("twenty-endpoints", "fr-FR,fr;q=0.9,en;q=0.5").body())
                .get("states");
        assertThat(french.size()).isEqualTo(english.size());
        boolean sawRelay = false;
        for (int i = 0; i < english.size(); i++) {
            JsonNode en = english.get(i);
            JsonNode fr = french.get(i);
            assertThat(fr.get("code")).isEqualTo(en.get("code"));
            assertThat(fr.path("meta").path("reproduce")).isEqualTo(en.path("meta").path("reproduce"));
            if (en.get("code").asString().equals("smtp.open_relay")) {
                sawRelay = true;
                assertThat(fr.get("message").asString()).contains("est un relais ouvert\u00a0: il a accepté");
                assertThat(fr.path("meta").path("fix").asString()).startsWith("Postfix\u00a0: smtpd_relay_restrictions = "
                        + "permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination");
            }
        }
        assertThat(sawRelay).as("the twenty-endpoint observation has open relays").isTrue();
        JsonNode german = GoJson.mapper().readTree(evaluate("sample", "de").body()).get("states");
        assertThat(german.get(0).get("message").asString()).isEqualTo("example.com does not publish a null MX.");
    }
}
