package org.checkersmtp.rules;

import java.util.List;
import java.util.Map;
import org.checkersmtp.observation.RelatedObservation;

/**
 * What a rule may read besides the observation: the raw options of the request, the observations
 * other checkers made of the entries we published (checker-tls's {@code tls_probes}), and the verdicts
 * of the rules evaluated before it ({@link Verdicts}; the evaluator supplies them).
 */
public record RuleContext(Map<String, Object> options, Map<String, List<RelatedObservation>> related,
                          Verdicts earlier) {

    public static final RuleContext EMPTY = new RuleContext(Map.of(), Map.of());

    public RuleContext {
        options = options == null ? Map.of() : options;
        related = related == null ? Map.of() : related;
        earlier = earlier == null ? Verdicts.NONE : earlier;
    }

    public RuleContext(Map<String, Object> options, Map<String, List<RelatedObservation>> related) {
        this(options, related, Verdicts.NONE);
    }

    public List<RelatedObservation> related(String key) {
        return related.getOrDefault(key, List.of());
    }

    RuleContext withEarlier(Verdicts verdicts) {
        return new RuleContext(options, related, verdicts);
    }
}
