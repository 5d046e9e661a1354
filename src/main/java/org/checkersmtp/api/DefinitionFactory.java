package org.checkersmtp.api;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.checkersmtp.i18n.Catalogue;
import org.checkersmtp.options.OptionCatalog;
import org.checkersmtp.rules.Rule;
import org.checkersmtp.rules.RuleEvaluator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.stereotype.Component;

/**
 * The checker definition, from the rule beans, the option catalogue and the build: built once per language
 * (the catalogue's few), the first time a caller asks for it in that language.
 */
@Component
public class DefinitionFactory {

    public static final String CHECKER_ID = "smtp";
    public static final String OBSERVATION_KEY = "smtp";

    private final List<Rule> rules;
    private final Catalogue catalogue;
    private final String version;
    private final Map<Locale, WireTypes.CheckerDefinition> byLanguage = new ConcurrentHashMap<>();

    public DefinitionFactory(RuleEvaluator evaluator, Catalogue catalogue, ObjectProvider<BuildProperties> build) {
        this.rules = evaluator.rules();
        this.catalogue = catalogue;
        BuildProperties props = build.getIfAvailable();
        this.version = props == null ? "dev" : props.getVersion();
    }

    /** With the options' labels and descriptions and the rules' descriptions in {@code language}. */
    WireTypes.CheckerDefinition definition(Locale language) {
        return byLanguage.computeIfAbsent(language, this::build);
    }

    private WireTypes.CheckerDefinition build(Locale language) {
        return new WireTypes.CheckerDefinition(
                CHECKER_ID,
                "SMTP (inbound mail)",
                version,
                new WireTypes.Availability(false, false, true, null, List.of("svcs.MXs")),
                new WireTypes.OptionGroups(null, null, null, null, OptionCatalog.runOptions(catalogue, language)),
                rules.stream().map(r -> new WireTypes.RuleInfo(r.name(), r.description().in(catalogue, language),
                        null)).toList(),
                new WireTypes.Interval(Duration.ofHours(1), Duration.ofDays(7), Duration.ofHours(24)),
                true,
                true,
                List.of(OBSERVATION_KEY));
    }

    /** Rule name → why it cannot run with these stored options, in {@code language}; empty when every rule can. */
    Map<String, String> precheckFailures(Map<String, Object> options, Locale language) {
        Map<String, Object> opts = options == null ? Map.of() : options;
        Map<String, String> failures = new TreeMap<>();
        for (Rule rule : rules) {
            rule.precheck(opts).ifPresent(reason -> failures.put(rule.name(), reason.in(catalogue, language)));
        }
        return failures;
    }
}
