package org.checkersmtp.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.discovery.ClassNameFilter;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Every code a rule declares is made by at least one rule test's observation, so each is said in every
 * language there ({@link Fixtures#assertWellFormed} checks each state a rule test's observation produces):
 * the rule tests ({@code *RuleTest}) run here once more (a few seconds: no Spring, no network), and the
 * codes they made are compared with the declared ones. A code no test reaches is named below with the reason.
 */
class RuleTestsReachEveryCodeTest {

    /** Declared codes no rule test makes, and why none can. */
    private static final Map<String, String> UNREACHED = Map.of();

    @Test
    void everyDeclaredCodeIsMadeByARuleTest() {
        LauncherDiscoveryRequest ruleTests = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectPackage(getClass().getPackageName()))
                .filters(ClassNameFilter.includeClassNamePatterns(".*RuleTest"),
                        EngineFilter.includeEngines("junit-jupiter"))
                .build();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create().execute(ruleTests, listener);
        TestExecutionSummary summary = listener.getSummary();
        assertThat(summary.getTestsSucceededCount()).as("rule tests run").isGreaterThan(50);
        assertThat(summary.getFailures()).as("rule tests that failed").extracting(f -> f.getTestIdentifier()
                .getDisplayName() + ": " + f.getException()).isEmpty();

        Set<String> declared = AllRules.instances().stream().flatMap(r -> r.codes().stream()).map(RuleCode::code)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> missing = new TreeSet<>(declared);
        missing.removeAll(Fixtures.PRODUCED);
        missing.removeAll(UNREACHED.keySet());
        assertThat(missing).as("declared codes no rule test's observation makes").isEmpty();
        assertThat(UNREACHED.keySet()).as("codes said unreached that a rule test makes, or no rule declares")
                .doesNotContainAnyElementsOf(Fixtures.PRODUCED).allMatch(declared::contains);
    }
}
