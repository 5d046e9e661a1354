package org.checkersmtp.rules;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.checkersmtp.observation.OptionalProbe;
import org.checkersmtp.options.CheckOptions;
import org.springframework.stereotype.Component;

/**
 * Which optional probes a run makes. The SDK lets a provider skip work for disabled rules: a probe is
 * switched off when every rule that judges it is disabled in {@code enabledRules}, and never switched on
 * when the options turned it off. The collector takes the resulting switches as given.
 */
@Component
public class ProbePlan {

    private final List<Rule> rules;

    public ProbePlan(RuleEvaluator evaluator) {
        this.rules = evaluator.rules();
    }

    public CheckOptions apply(CheckOptions requested, Map<String, Boolean> enabledRules) {
        Set<OptionalProbe> probes = EnumSet.noneOf(OptionalProbe.class);
        probes.addAll(requested.probes());
        probes.removeIf(p -> !judged(p, enabledRules));
        return requested.withProbes(probes);
    }

    /** True unless every rule that judges this probe is disabled (a probe no rule declares stays on). */
    boolean judged(OptionalProbe probe, Map<String, Boolean> enabledRules) {
        List<Rule> judges = rules.stream().filter(r -> r.probes().contains(probe)).toList();
        return judges.isEmpty() || judges.stream().anyMatch(r -> r.isEnabled(enabledRules));
    }
}
