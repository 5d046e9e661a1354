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

    /**
     * With smtp.starttls_offered off, nothing is said of the backup MX's missing STARTTLS: no state about
     * mx2 names STARTTLS in its message or code, no other rule speaks of it, and the handshake rule speaks only
     * of the handshake mx1 made.
     */
    @Test
    void startTlsTurnedOffIsNamedByNoState() throws Exception {
        JsonNode states = evaluate("{\"smtp.starttls_offered\":false}");
        assertThat(states.size()).isGreaterThan(0);
        for (JsonNode s : states) {
            assertThat(text(s, "rule")).isNotEqualTo("smtp.starttls_offered");
            if (text(s, "subject").startsWith("mx2.example.com")) {
                assertThat(text(s, "message") + " " + text(s, "code")).doesNotContainIgnoringCase("starttls");
            }
            if (text(s, "rule").equals("smtp.starttls_handshake")) {
                assertThat(text(s, "code")).isEqualTo("smtp.starttls_handshake.ok");
                assertThat(text(s, "subject")).isEqualTo("mx1.example.com/192.0.2.25");
            } else {
                assertThat(text(s, "message") + " " + text(s, "code")).doesNotContainIgnoringCase("starttls");
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
