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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * POST /evaluate without Accept-Language answers, byte for byte, what it answered before the messages moved
 * into the catalogue: happyDomain and scripts see the same English. The saved answers in
 * src/test/resources/i18n were taken from the service before that change.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EnglishEvaluateUnchangedTest {

    @LocalServerPort
    int port;

    @ParameterizedTest
    @ValueSource(strings = {"two-endpoints", "twenty-endpoints", "sample"})
    void evaluateAnswersTheSameBytes(String fixture) throws Exception {
        byte[] observation = fixture.equals("sample")
                ? GoJson.encode(SampleObservations.oneGoodEndpoint())
                : Files.readAllBytes(Path.of("src/bench/resources/observations/" + fixture + ".json"));
        byte[] body = GoJson.encode(Map.of("observations", Map.of("smtp", GoJson.mapper().readTree(observation)),
                "options", Map.of()));
        HttpResponse<byte[]> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/evaluate"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        Path saved = Path.of("src/test/resources/i18n/evaluate-" + fixture + ".json");
        assertThat(new String(r.body(), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo(Files.readString(saved));
    }
}
