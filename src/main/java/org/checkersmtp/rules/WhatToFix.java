package org.checkersmtp.rules;

import java.util.Comparator;
import java.util.List;

/**
 * The findings a reader must act on, in the order every report lists them: open relays first (they hurt
 * third parties within hours), then CRIT, ERROR and WARN. The HTML report, the /check page and the
 * terminal report all read it from here, so they never disagree on what comes first.
 */
public final class WhatToFix {

    private static final List<Status> ORDER = List.of(Status.CRIT, Status.ERROR, Status.WARN);

    private static final Comparator<CheckState> MOST_URGENT_FIRST =
            Comparator.comparing((CheckState s) -> !OpenRelayRule.findsOpenRelay(s))
                    .thenComparingInt(s -> ORDER.indexOf(s.status()));

    private WhatToFix() {
    }

    /** The states to fix, most urgent first; equal ones keep the rules' order. */
    public static List<CheckState> of(List<CheckState> states) {
        return states.stream().filter(WhatToFix::needsFixing).sorted(MOST_URGENT_FIRST).toList();
    }

    private static boolean needsFixing(CheckState state) {
        return ORDER.contains(state.status());
    }
}
