package org.checkersmtp.api;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.checkersmtp.options.OptionCatalog;
import org.checkersmtp.rules.Rule;
import org.checkersmtp.rules.RuleEvaluator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.stereotype.Component;

/** The checker definition, built once from the rule beans, the option catalogue and the build. */
@Component
public class DefinitionFactory {

    public static final String CHECKER_ID = "smtp";
    public static final String OBSERVATION_KEY = "smtp";

    private final WireTypes.CheckerDefinition definition;
    private final List<Rule> rules;

    public DefinitionFactory(RuleEvaluator evaluator, ObjectProvider<BuildProperties> build) {
        this.rules = evaluator.rules();
        BuildProperties props = build.getIfAvailable();
        String version = props == null ? "dev" : props.getVersion();
        this.definition = new WireTypes.CheckerDefinition(
                CHECKER_ID,
                "SMTP (inbound mail)",
                version,
                new WireTypes.Availability(false, false, true, null, List.of("svcs.MXs")),
                new WireTypes.OptionGroups(null, null, null, null, OptionCatalog.runOptions()),
                rules.stream().map(r -> new WireTypes.RuleInfo(r.name(), r.description(), null)).toList(),
                new WireTypes.Interval(Duration.ofHours(1), Duration.ofDays(7), Duration.ofHours(24)),
                true,
                true,
                List.of(OBSERVATION_KEY));
    }

    WireTypes.CheckerDefinition definition() {
        return definition;
    }

    /** Rule name → why it cannot run with these stored options; empty when every rule can. */
    Map<String, String> precheckFailures(Map<String, Object> options) {
        Map<String, Object> opts = options == null ? Map.of() : options;
        Map<String, String> failures = new TreeMap<>();
        for (Rule rule : rules) {
            rule.precheck(opts).ifPresent(reason -> failures.put(rule.name(), reason));
        }
        return failures;
    }
}
