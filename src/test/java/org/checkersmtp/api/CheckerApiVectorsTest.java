package org.checkersmtp.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.List;
import java.util.Map;
import org.checkersmtp.check.CheckPipeline;
import org.checkersmtp.json.GoJson;
import org.checkersmtp.observation.SmtpObservation;
import org.checkersmtp.report.HtmlReportRenderer;
import org.checkersmtp.report.MetricsExtractor;
import org.checkersmtp.rules.CheckState;
import org.checkersmtp.rules.Rule;
import org.checkersmtp.rules.RuleCode;
import org.checkersmtp.rules.RuleContext;
import org.checkersmtp.rules.RuleEvaluator;
import org.checkersmtp.rules.Status;
import org.checkersmtp.testsupport.SampleObservations;
import org.checkersmtp.testsupport.TestCollectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.info.BuildProperties;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.thymeleaf.spring6.SpringTemplateEngine;

/** The wire contract's /evaluate vectors (§8, 11–14 and 20), with the SDK test suite's two rules r1 and r2. */
class CheckerApiVectorsTest {

    record FixedRule(String name, List<CheckState> states) implements Rule {
        @Override
        public List<RuleCode> codes() {
            return List.of();
        }

        @Override
        public List<CheckState> evaluate(SmtpObservation observation, RuleContext context) {
            return states;
        }
    }

    static MockMvc mvc(Rule... rules) {
        RuleEvaluator evaluator = new RuleEvaluator(List.of(rules));
        SpringTemplateEngine engine = org.checkersmtp.testsupport.TestTemplates.engine();
        DefinitionFactory definitions = new DefinitionFactory(evaluator, org.checkersmtp.i18n.Catalogue.classpath(),
                new StaticListableBeanFactory().getBeanProvider(BuildProperties.class));
        CheckerApiController controller = new CheckerApiController(new WorkTracker(java.time.Clock.systemUTC()), definitions,
                org.mockito.Mockito.mock(CheckPipeline.class), evaluator, new HtmlReportRenderer(engine, evaluator),
                new MetricsExtractor(),
                new ObservationLimits(TestCollectors.properties(null, 25, java.time.Duration.ofSeconds(90)), evaluator),
                org.checkersmtp.i18n.Catalogue.classpath());
        return MockMvcBuilders.standaloneSetup(controller).setControllerAdvice(new GoStyleErrors()).build();
    }

    private static final String OBSERVATIONS =
            "{\"observations\":{\"smtp\":" + GoJson.marshal(SampleObservations.oneGoodEndpoint()) + "},\"options\":{}";

    private static String evaluate(MockMvc mvc, String body) throws Exception {
        MockHttpServletResponse r = mvc.perform(post("/evaluate").content(body)).andReturn().getResponse();
        assertThat(r.getStatus()).isEqualTo(200);
        return r.getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static final Rule R1 = new FixedRule("r1", List.of(new CheckState(Status.OK, "r1 passed", null, null, null, null)));
    private static final Rule R2 = new FixedRule("r2", List.of(new CheckState(Status.OK, "r2 passed", null, null, null, null)));

    @Test
    void twoPassingRules() throws Exception {
        assertThat(evaluate(mvc(R1, R2), OBSERVATIONS + "}")).isEqualTo(
                "{\"states\":[{\"status\":1,\"message\":\"r1 passed\",\"rule\":\"r1\"},"
                        + "{\"status\":1,\"message\":\"r2 passed\",\"rule\":\"r2\"}]}\n");
    }

    @Test
    void enabledRulesFilter() throws Exception {
        MockMvc mvc = mvc(R1, R2);
        assertThat(evaluate(mvc, OBSERVATIONS + ",\"enabledRules\":{\"r1\":false}}"))
                .isEqualTo("{\"states\":[{\"status\":1,\"message\":\"r2 passed\",\"rule\":\"r2\"}]}\n");
        assertThat(evaluate(mvc, OBSERVATIONS + ",\"enabledRules\":{\"r1\":true}}")).contains("r1 passed", "r2 passed");
        assertThat(evaluate(mvc, OBSERVATIONS + ",\"enabledRules\":{\"zzz\":false}}")).contains("r1 passed", "r2 passed");
        assertThat(evaluate(mvc, OBSERVATIONS + ",\"enabledRules\":{\"r1\":false,\"r2\":false}}"))
                .isEqualTo("{\"states\":null}\n");
    }

    @Test
    void codeIsPreservedAndRuleFilledByServer() throws Exception {
        Rule a = new FixedRule("ruleA", List.of(new CheckState(Status.WARN, "too many", null, "too_many_lookups",
                null, null)));
        assertThat(evaluate(mvc(a), OBSERVATIONS + "}")).isEqualTo(
                "{\"states\":[{\"status\":3,\"message\":\"too many\",\"rule\":\"ruleA\",\"code\":\"too_many_lookups\"}]}\n");
    }

    @Test
    void emptyRuleResultBecomesUnknown() throws Exception {
        assertThat(evaluate(mvc(new FixedRule("x", List.of())), OBSERVATIONS + "}")).isEqualTo(
                "{\"states\":[{\"status\":0,\"message\":\"rule \\\"x\\\" returned no state\",\"rule\":\"x\"}]}\n");
    }

    @Test
    void messagesAreHtmlEscapedAndMetaKeysSorted() throws Exception {
        Rule r = new FixedRule("r", List.of(new CheckState(Status.CRIT, "a<b&c", null, null, "mx",
                Map.of("z", 1.0, "a", List.of("550 <x>")))));
        assertThat(evaluate(mvc(r), OBSERVATIONS + "}")).isEqualTo(
                "{\"states\":[{\"status\":4,\"message\":\"a\\u003cb\\u0026c\",\"rule\":\"r\",\"subject\":\"mx\","
                        + "\"meta\":{\"a\":[\"550 \\u003cx\\u003e\"],\"z\":1}}]}\n");
    }

    @Test
    void missingObservationGivesEachRuleAnError() throws Exception {
        assertThat(evaluate(mvc(R1, R2), "{\"observations\":{},\"options\":{}}")).isEqualTo(
                "{\"states\":[{\"status\":5,\"message\":\"observation \\\"smtp\\\" not available\",\"rule\":\"r1\"},"
                        + "{\"status\":5,\"message\":\"observation \\\"smtp\\\" not available\",\"rule\":\"r2\"}]}\n");
    }

    @Test
    void statusRoundTripsAsBareIntegers() {
        for (Status s : Status.values()) {
            String json = GoJson.marshal(s);
            assertThat(json).isEqualTo(Integer.toString(s.code()));
            assertThat(GoJson.mapper().readValue(json, Status.class)).isEqualTo(s);
        }
    }
}
