package org.checkersmtp.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import org.checkersmtp.api.BodyReadFilter;
import org.checkersmtp.api.CheckerApiController;
import org.checkersmtp.api.DefinitionFactory;
import org.checkersmtp.api.ObservationLimits;
import org.checkersmtp.api.WorkTracker;
import org.checkersmtp.check.CheckPipeline;
import org.checkersmtp.json.GoJson;
import org.checkersmtp.i18n.I18nConfiguration;
import org.checkersmtp.report.HtmlReportRenderer;
import org.checkersmtp.report.MetricsExtractor;
import org.checkersmtp.testsupport.TestCollectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

/**
 * happyDomain's {@code enabledRules} over POST /evaluate: a rule turned off is not heard through another.
 * A slice: the API controller with its filters and Go-style errors, the real rules and evaluator, and no
 * collector (the pipeline is a stand-in /evaluate never calls). Not here: the security chains
 * (SecurityMatrixTest) and BodyReadFilter, whose non-blocking read needs a real container (CheckerApiHttpTest);
 * without it the controller reads the body itself.
 */
@WebMvcTest(controllers = CheckerApiController.class,
        excludeAutoConfiguration = ServletWebSecurityAutoConfiguration.class,
        excludeFilters = @ComponentScan.Filter(type = FilterType.ASSIGNABLE_TYPE, classes = BodyReadFilter.class))
@Import(EnabledRulesEvaluateHttpTest.Wiring.class)
class EnabledRulesEvaluateHttpTest {

    /**
     * What the controller needs besides the slice: the evaluator of every rule and what it builds on. Imported,
     * not annotated: a configuration class on the test class path would join every other test's context.
     */
    @Import({WorkTracker.class, DefinitionFactory.class, HtmlReportRenderer.class, MetricsExtractor.class,
            I18nConfiguration.class})
    static class Wiring {

        @Bean
        RuleEvaluator evaluator() {
            return AllRules.evaluator();
        }

        @Bean
        Clock clock() {
            return Clock.systemUTC();
        }

        @Bean
        ObservationLimits limits(RuleEvaluator evaluator) {
            return new ObservationLimits(TestCollectors.properties(null, 25, Duration.ofSeconds(90)), evaluator);
        }
    }

    @Autowired
    MockMvc mvc;

    @MockitoBean
    CheckPipeline pipeline;

    private JsonNode evaluate(String enabledRules) throws Exception {
        String body = "{\"observations\":{\"smtp\":" + GoJson.marshal(RuleEvaluatorTest.backupWithoutStartTls())
                + "},\"enabledRules\":" + enabledRules + "}";
        MockHttpServletResponse r = mvc.perform(post("/evaluate").contentType(MediaType.APPLICATION_JSON)
                .content(body)).andReturn().getResponse();
        assertThat(r.getStatus()).isEqualTo(200);
        return GoJson.mapper().readTree(r.getContentAsString(StandardCharsets.UTF_8)).get("states");
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
