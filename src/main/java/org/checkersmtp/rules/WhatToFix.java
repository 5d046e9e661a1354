package org.checkersmtp.rules;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The findings a reader must act on ({@link Status#needsFixing()}), in the order every report lists them:
 * the codes declared {@link RuleCode#fixedFirst()} first (open relays), then by {@link Status#BY_SEVERITY}.
 * The HTML report, the /check page and the terminal report all read it from here, so they never disagree
 * on what comes first.
 */
public final class WhatToFix {

    private WhatToFix() {
    }

    /**
     * The states to fix, most urgent first; equal ones keep the rules' order.
     *
     * @param declared the codes the rules declare ({@link RuleEvaluator#codes()}): a state carries only its
     *                 code's name
     */
    public static List<CheckState> of(List<CheckState> states, List<RuleCode> declared) {
        Set<String> fixedFirst = declared.stream().filter(RuleCode::fixFirst).map(RuleCode::code)
                .collect(Collectors.toSet());
        Comparator<CheckState> mostUrgentFirst = Comparator.comparing((CheckState s) -> !fixedFirst.contains(s.code()))
                .thenComparing(CheckState::status, Status.BY_SEVERITY);
        return states.stream().filter(s -> s.status().needsFixing()).sorted(mostUrgentFirst).toList();
    }
}
