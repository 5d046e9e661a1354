package org.checkersmtp.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Locale;
import org.checkersmtp.rules.CheckState;
import org.checkersmtp.rules.EvaluationObserver;
import org.springframework.stereotype.Component;

/** The states rules produce, by rule and status: how often the domains checked have each problem. */
@Component
public class RuleStateMeters implements EvaluationObserver {

    static final String STATES = "checker.rule.states";

    private final MeterRegistry registry;

    public RuleStateMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void evaluated(List<CheckState> states) {
        for (CheckState state : states) {
            // The evaluator stamps every state with its rule's (bean-declared) name: a closed set.
            registry.counter(STATES, "rule", state.rule() == null ? "none" : state.rule(),
                    "status", state.status().name().toLowerCase(Locale.ROOT)).increment();
        }
    }
}
