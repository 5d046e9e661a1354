package org.checkersmtp.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.checkersmtp.json.GoJson;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** happyDomain's {@code enabledRules} over POST /evaluate: a rule turned off is not heard through another. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EnabledRulesEvaluateHttpTest {

    @LocalServerPort
    int port;

    private JsonNode evaluate(String enabledRules) throws Exception {
        String body = "{\"observations\":{\"smtp\":" + GoJson.marshal(RuleEvaluatorTest.backupWithoutStartTls())
                + "},\"enabledRules\":" + enabledRules + "}";
        HttpResponse<String> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/evaluate"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(r.statusCode()).isEqualTo(200);
        return GoJson.mapper().readTree(r.body()).get("states");
    }

    private static String text(JsonNode state, String field) {
        return state.hasNonNull(field) ? state.get(field).asString() : "";
    }

    @Test
    void startTlsTurnedOffIsNamedByNoState() throws Exception {
        JsonNode states = evaluate("{\"smtp.starttls_offered\":false}");
        assertThat(states.size()).isGreaterThan(0);
        for (JsonNode s : states) {
            assertThat(text(s, "rule")).isNotEqualTo("smtp.starttls_offered");
            // The handshake rule speaks of its own handshakes (none to test on mx2), no other rule of STARTTLS.
            if (!text(s, "rule").equals("smtp.starttls_handshake")) {
                assertThat(text(s, "message")).doesNotContainIgnoringCase("starttls");
            }
        }
    }

    @Test
    void startTlsOnNamesTheWeakerMx() throws Exception {
        JsonNode states = evaluate("{\"smtp.starttls_offered\":true}");
        JsonNode pool = null;
        for (JsonNode s : states) {
            if (text(s, "rule").equals("smtp.mx_consistency")) {
                pool = s;
            }
        }
        assertThat(pool).isNotNull();
        assertThat(text(pool, "code")).isEqualTo("smtp.mx_consistency.starttls");
        assertThat(text(pool, "subject")).isEqualTo("mx2.example.com/192.0.2.26");
    }
}
