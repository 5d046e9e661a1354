package org.checkersmtp.rules;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The states made so far by the rules run before the reader, read-only, by rule name and by code: what a
 * later rule reads instead of judging again. {@link RuleEvaluator} fills it as it goes; a rule that
 * {@code enabledRules} turns off has no states here, so it speaks through no other rule.
 */
public final class Verdicts {

    public static final Verdicts NONE = new Verdicts();

    private final Map<String, List<CheckState>> byRule = new HashMap<>();
    private final Map<String, List<CheckState>> byCode = new HashMap<>();

    Verdicts() {
    }

    /** Records a rule's stamped states; only the evaluator writes, and never into {@link #NONE}. */
    void add(String rule, List<CheckState> states) {
        byRule.computeIfAbsent(rule, r -> new ArrayList<>()).addAll(states);
        for (CheckState s : states) {
            if (s.code() != null) {
                byCode.computeIfAbsent(s.code(), c -> new ArrayList<>()).add(s);
            }
        }
    }

    /** The states of that rule, in its order; empty when it did not run (turned off, or ordered after the reader). */
    public List<CheckState> of(String rule) {
        return Collections.unmodifiableList(byRule.getOrDefault(rule, List.of()));
    }

    /** The states of that code, in the rules' order; empty when none was made. */
    public List<CheckState> withCode(RuleCode code) {
        return Collections.unmodifiableList(byCode.getOrDefault(code.code(), List.of()));
    }
}
