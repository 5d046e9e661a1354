package org.checkersmtp.rules;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.checkersmtp.i18n.Text;
import org.checkersmtp.observation.OptionalProbe;
import org.checkersmtp.observation.SmtpObservation;

/**
 * A rule judges the observation; it never does I/O. Each rule is a Spring {@code @Component} with an
 * {@code @Order} that fixes its place in /definition and in the evaluation: adding a rule is adding
 * one class.
 */
public interface Rule {

    /** Stable name, part of the API: "smtp.open_relay". */
    String name();

    /**
     * What the rule judges, one sentence, shown in /definition and docs/rules.md: the catalogue's
     * {@code <name>.description}, beside the rule's codes.
     */
    default Text description() {
        return Text.of(name() + ".description");
    }

    /** One state per subject; never empty (say OK or INFO when there is nothing to judge). */
    List<CheckState> evaluate(SmtpObservation observation, RuleContext context);

    /** Every code this rule can emit, with its severity, meaning and fix: the source of docs/rules.md. */
    List<RuleCode> codes();

    /** The optional probes whose outcome this rule judges: {@link ProbePlan} skips a probe no enabled rule judges. */
    default Set<OptionalProbe> probes() {
        return Set.of();
    }

    /**
     * The codes of other rules whose states this rule reads from {@link RuleContext#earlier()}: it must be
     * ordered after the rules that declare them, which the evaluator checks at start-up.
     */
    default Set<RuleCode> reads() {
        return Set.of();
    }

    /** The SDK's {@code enabledRules}: a rule runs unless the map says false for its name (no map: all run). */
    default boolean isEnabled(Map<String, Boolean> enabledRules) {
        return enabledRules == null || !Boolean.FALSE.equals(enabledRules.get(name()));
    }

    /**
     * Whether the rule can run with these stored options (no auto-fill, no run options): the reason it
     * cannot, shown by happyDomain next to the rule (English unless the caller asks for another language).
     */
    default Optional<Text> precheck(Map<String, Object> options) {
        return Optional.empty();
    }
}
