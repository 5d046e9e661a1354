package org.checkersmtp.rules;

import java.util.Comparator;
import java.util.List;

/**
 * The findings a reader must act on ({@link Status#needsFixing()}), in the order every report lists them:
 * the codes declared {@link RuleCode#fixedFirst()} first (open relays), then by {@link Status#BY_SEVERITY}.
 * The HTML report, the /check page and the terminal report all read it from here, so they never disagree
 * on what comes first.
 */
public final class WhatToFix {

    private static final Comparator<CheckState> MOST_URGENT_FIRST =
            Comparator.comparing((CheckState s) -> !RuleCode.isFixedFirst(s))
                    .thenComparing(CheckState::status, Status.BY_SEVERITY);

    private WhatToFix() {
    }

    /** The states to fix, most urgent first; equal ones keep the rules' order. */
    public static List<CheckState> of(List<CheckState> states) {
        return states.stream().filter(s -> s.status().needsFixing()).sorted(MOST_URGENT_FIRST).toList();
    }
}
