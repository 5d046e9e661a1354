package org.checkersmtp.rules;

import java.util.List;

/**
 * Told the states of every evaluation, whichever route asked for it (the pipeline, /evaluate, a
 * /report without states): the one place states are made is the one place they are counted
 * (metrics.RuleStateMeters). It must be quick; an exception thrown here is logged and ignored.
 */
@FunctionalInterface
public interface EvaluationObserver {

    void evaluated(List<CheckState> states);
}
