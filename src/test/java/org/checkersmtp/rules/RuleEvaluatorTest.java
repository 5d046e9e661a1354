package org.checkersmtp.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.checkersmtp.observation.SmtpObservation;
import org.checkersmtp.testsupport.SampleObservations;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.core.annotation.Order;

class RuleEvaluatorTest {

    /** A rule whose behaviour the test chooses. */
    abstract static class TestRule implements Rule {
        private final String name;

        TestRule(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public List<RuleCode> codes() {
            return List.of();
        }
    }

    @Order(2)
    static class Second extends TestRule {
        Second() {
            super("second");
        }

        @Override
        public List<CheckState> evaluate(SmtpObservation observation, RuleContext context) {
            return List.of(new CheckState(Status.WARN, "w", "ignored", "c.w", "s", Map.of("fix", "x")));
        }
    }

    static final RuleCode PASSED = new RuleCode("first.passed", Status.OK);
    static final RuleCode NOTE = new RuleCode("first.note", Status.INFO);

    @Order(1)
    static class First extends TestRule {
        First() {
            super("first");
        }

        @Override
        public List<CheckState> evaluate(SmtpObservation observation, RuleContext context) {
            return List.of(States.of(PASSED, "smtp.null_mx.absent.message", "domain", "first").build(),
                    States.of(NOTE, "smtp.null_mx.absent.message", "domain", "more").build());
        }
    }

    @Order(3)
    static class Throwing extends TestRule {
        Throwing() {
            super("throwing");
        }

        @Override
        public List<CheckState> evaluate(SmtpObservation observation, RuleContext context) {
            throw new IllegalStateException("boom");
        }
    }

    @Order(4)
    static class Silent extends TestRule {
        Silent() {
            super("silent");
        }

        @Override
        public List<CheckState> evaluate(SmtpObservation observation, RuleContext context) {
            return List.of();
        }
    }

    private final RuleEvaluator evaluator =
            new RuleEvaluator(List.of(new Silent(), new Throwing(), new Second(), new First()));
    private final SmtpObservation obs = SampleObservations.oneGoodEndpoint();

    @Test
    void rulesRunInDeclaredOrderNotRegistrationOrder() {
        assertThat(evaluator.rules()).extracting(Rule::name).containsExactly("first", "second", "throwing", "silent");
        assertThat(evaluator.evaluate(obs, RuleContext.EMPTY, null)).extracting(CheckState::rule)
                .containsExactly("first", "first", "second", "throwing", "silent");
    }

    @Test
    void theServerFillsRuleAndKeepsCodeSubjectMeta() {
        CheckState w = evaluator.evaluate(obs, RuleContext.EMPTY, Map.of("first", false)).get(0);
        assertThat(w.rule()).isEqualTo("second");
        assertThat(w.code()).isEqualTo("c.w");
        assertThat(w.subject()).isEqualTo("s");
    }

    @Test
    void aThrowingRuleBecomesOneErrorStateAndOthersStillRun() {
        List<CheckState> states = evaluator.evaluate(obs, RuleContext.EMPTY, null);
        CheckState error = states.stream().filter(s -> "throwing".equals(s.rule())).findFirst().orElseThrow();
        assertThat(error.status()).isEqualTo(Status.ERROR);
        // Said in words; the exception (class and message) goes to the log, not to the caller.
        assertThat(error.message()).isEqualTo("rule \"throwing\" could not judge this observation (an internal "
                + "error, logged by the service)");
        assertThat(states).anyMatch(s -> "silent".equals(s.rule()));
    }

    @Test
    void aRuleReturningNothingBecomesOneUnknownState() {
        CheckState silent = evaluator.evaluate(obs, RuleContext.EMPTY, null).stream()
                .filter(s -> "silent".equals(s.rule())).findFirst().orElseThrow();
        assertThat(silent.status()).isEqualTo(Status.UNKNOWN);
        assertThat(silent.message()).isEqualTo("rule \"silent\" returned no state");
    }

    /** A second rule with a taken name. */
    @Order(5)
    static class AnotherFirst extends TestRule {
        AnotherFirst() {
            super("first");
        }

        @Override
        public List<CheckState> evaluate(SmtpObservation observation, RuleContext context) {
            return List.of();
        }
    }

    @Test
    void twoRulesWithOneNameFailNamingBothClasses() {
        assertThatThrownBy(() -> new RuleEvaluator(List.of(new First(), new Second(), new AnotherFirst())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("\"first\"")
                .hasMessageContaining(First.class.getName())
                .hasMessageContaining(AnotherFirst.class.getName());
    }

    @Test
    void aDuplicateNameStopsTheApplicationContextAtStartUp() {
        assertThatThrownBy(() -> new AnnotationConfigApplicationContext(RuleEvaluator.class, First.class,
                AnotherFirst.class).close())
                .isInstanceOf(BeanCreationException.class)
                .rootCause().hasMessageContaining(AnotherFirst.class.getName());
    }

    @Test
    void enabledRulesSkipsOnlyExplicitFalse() {
        assertThat(evaluator.evaluate(obs, RuleContext.EMPTY, Map.of("first", false, "silent", true, "zzz", false)))
                .extracting(CheckState::rule).containsExactly("second", "throwing", "silent");
        assertThat(evaluator.evaluate(obs, RuleContext.EMPTY, Map.of())).hasSize(5);
    }

    /** A pool whose backup MX does not offer STARTTLS. */
    static SmtpObservation backupWithoutStartTls() {
        return Fixtures.observation(Fixtures.endpoint("mx1.example.com", "192.0.2.25").preference(10).build(),
                Fixtures.endpoint("mx2.example.com", "192.0.2.26").preference(20)
                        .extensions("PIPELINING", "SIZE 10240000", "8BITMIME").build());
    }

    @Test
    void aRuleTurnedOffSpeaksThroughNoOtherRule() {
        List<CheckState> states = AllRules.evaluator().evaluate(backupWithoutStartTls(), RuleContext.EMPTY,
                Map.of("smtp.starttls_offered", false));
        assertThat(states).extracting(CheckState::rule).contains("smtp.mx_consistency")
                .doesNotContain("smtp.starttls_offered");
        // The handshake rule speaks of mx1's handshake alone (mx2 made none), no other rule of STARTTLS.
        assertThat(states).filteredOn(s -> s.message().toLowerCase(java.util.Locale.ROOT).contains("starttls"))
                .extracting(CheckState::rule, CheckState::subject)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("smtp.starttls_handshake",
                        "mx1.example.com/192.0.2.25"));
    }

    @Test
    void mxConsistencyReadsTheStartTlsVerdictsOfTheRuleBeforeIt() {
        List<CheckState> states = AllRules.evaluator().evaluate(backupWithoutStartTls(), RuleContext.EMPTY, null);
        CheckState offered = states.stream().filter(s -> "smtp.starttls_offered.missing".equals(s.code()))
                .findFirst().orElseThrow();
        CheckState pool = states.stream().filter(s -> "smtp.mx_consistency".equals(s.rule())).findFirst()
                .orElseThrow();
        assertThat(pool.code()).isEqualTo("smtp.mx_consistency.starttls");
        assertThat(pool.subject()).isEqualTo("mx2.example.com/192.0.2.26");
        assertThat(pool.message()).startsWith("mx2.example.com (192.0.2.26), a backup MX (preference 20), does not "
                + "offer STARTTLS");
        assertThat(pool.meta().get(States.EVIDENCE)).asList().last().isEqualTo(offered.message());
    }

    @Test
    void aRuleOrderedBeforeTheRuleItReadsStopsStartUp() {
        @Order(1)
        class TooEarly extends TestRule {
            TooEarly() {
                super("too.early");
            }

            @Override
            public java.util.Set<RuleCode> reads() {
                return java.util.Set.of(StartTlsOfferedRule.MISSING);
            }

            @Override
            public List<CheckState> evaluate(SmtpObservation observation, RuleContext context) {
                return List.of();
            }
        }
        assertThatThrownBy(() -> new RuleEvaluator(List.of(new StartTlsOfferedRule(), new TooEarly())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("\"too.early\" reads smtp.starttls_offered.missing of \"smtp.starttls_offered\"");
    }
}
