package org.checkersmtp.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.checkersmtp.json.GoJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * GET and POST /definition and the run options' refusals on /collect: without Accept-Language (or with a language the
 * catalogue lacks) the English bytes they had before the words moved into the catalogue (the saved definition
 * in src/test/resources/i18n was taken from the service before that change); a caller that asks for French
 * gets the options' labels and descriptions, the rules' descriptions and the refusal in French.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DefinitionLanguageTest {

    @LocalServerPort
    int port;

    private HttpResponse<String> send(String path, String body, String acceptLanguage) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (body != null) {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        }
        if (acceptLanguage != null) {
            request.header("Accept-Language", acceptLanguage);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** The saved definition, with this build's version in place of {version}. */
    private static String savedEnglish(String version) throws Exception {
        return Files.readString(Path.of("src/test/resources/i18n/definition.json")).replace("{version}", version);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"en", "de-DE,de;q=0.9", "*"})
    void withoutAFrenchAcceptLanguageTheDefinitionIsTheSameEnglishBytes(String acceptLanguage) throws Exception {
        HttpResponse<String> r = send("/definition", null, acceptLanguage);
        assertThat(r.statusCode()).isEqualTo(200);
        String version = GoJson.mapper().readTree(r.body()).get("version").asString();
        assertThat(r.body()).isEqualTo(savedEnglish(version));
        assertThat(r.headers().allValues("Vary")).as("a cache keeps each language apart").contains("Accept-Language");
    }

    @Test
    void aFrenchCallerReadsTheOptionsAndTheRulesInFrench() throws Exception {
        JsonNode english = GoJson.mapper().readTree(send("/definition", null, null).body());
        JsonNode french = GoJson.mapper().readTree(send("/definition", null, "fr-FR,fr;q=0.9,en;q=0.5").body());
        JsonNode enOptions = english.get("options").get("runOpts");
        JsonNode frOptions = french.get("options").get("runOpts");
        assertThat(frOptions.size()).isEqualTo(enOptions.size());
        for (int i = 0; i < enOptions.size(); i++) {
            JsonNode en = enOptions.get(i);
            JsonNode fr = frOptions.get(i);
            assertThat(fr.get("id")).isEqualTo(en.get("id"));
            assertThat(fr.get("type")).isEqualTo(en.get("type"));
            assertThat(fr.get("default")).isEqualTo(en.get("default"));
            assertThat(fr.get("description").asString()).as(en.get("id").asString())
                    .isNotEqualTo(en.get("description").asString());
        }
        assertThat(frOptions.get(0).get("label").asString()).isEqualTo("Domaine de messagerie");
        assertThat(frOptions.findValuesAsString("label")).contains("Tester le relais ouvert");
        JsonNode enRules = english.get("rules");
        JsonNode frRules = french.get("rules");
        assertThat(frRules.findValuesAsString("name")).isEqualTo(enRules.findValuesAsString("name"));
        for (int i = 0; i < enRules.size(); i++) {
            assertThat(frRules.get(i).get("description").asString()).as(enRules.get(i).get("name").asString())
                    .isNotEqualTo(enRules.get(i).get("description").asString());
        }
        assertThat(french.get("rules").get(12).get("description").asString())
                .startsWith("Un message d'un expéditeur extérieur vers un destinataire extérieur est refusé");
        // Only the words change: everything else is the English definition's.
        assertThat(french.get("interval")).isEqualTo(english.get("interval"));
        assertThat(french.get("availability")).isEqualTo(english.get("availability"));
    }

    /** POST /definition: the stored options' precheck failures too, beside the definition in the same language. */
    @Test
    void thePrecheckFailuresAreSaidInTheCallersLanguageOnlyWhenAsked() throws Exception {
        String body = "{\"options\":{\"test_probe_address\":\"x y@example.net\"}}";
        JsonNode english = GoJson.mapper().readTree(send("/definition", body, null).body());
        assertThat(english.get("precheck_failures").get("smtp.open_relay").asString())
                .isEqualTo("option \"test_probe_address\": must not contain a space");
        assertThat(GoJson.mapper().readTree(send("/definition", "{\"options\":{\"test_probe_address\":5}}", null)
                .body()).get("precheck_failures").get("smtp.open_relay").asString())
                .isEqualTo("option \"test_probe_address\": must be a string");
        JsonNode french = GoJson.mapper().readTree(send("/definition", body, "fr").body());
        assertThat(french.get("precheck_failures").get("smtp.open_relay").asString())
                .isEqualTo("option «\u00a0test_probe_address\u00a0»\u00a0: ne doit pas contenir d'espace");
        assertThat(french.get("options").get("runOpts").get(0).get("label").asString()).isEqualTo("Domaine de messagerie");
    }

    @Test
    void aRefusedOptionIsSaidInTheCallersLanguageOnlyWhenAsked() throws Exception {
        String body = "{\"options\":{\"domain\":\"example.com\",\"timeout\":-1}}";
        HttpResponse<String> english = send("/collect", body, null);
        assertThat(english.statusCode()).isEqualTo(400);
        assertThat(english.body())
                .isEqualTo("{\"error\":\"option \\\"timeout\\\": must be a positive number of seconds, got -1\"}\n");
        assertThat(send("/collect", body, "de").body()).isEqualTo(english.body());
        HttpResponse<String> french = send("/collect", body, "fr");
        assertThat(french.statusCode()).isEqualTo(400);
        assertThat(GoJson.mapper().readTree(french.body()).get("error").asString())
                .isEqualTo("option «\u00a0timeout\u00a0»\u00a0: doit être un nombre de secondes positif, reçu -1");
        HttpResponse<String> control = send("/collect", "{\"options\":{\"domain\":\"a b.example\"}}", "fr");
        assertThat(GoJson.mapper().readTree(control.body()).get("error").asString())
                .isEqualTo("option «\u00a0domain\u00a0»\u00a0: ne doit pas contenir d'espace");
    }
}
