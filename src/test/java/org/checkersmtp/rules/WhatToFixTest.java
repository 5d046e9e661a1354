package org.checkersmtp.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class WhatToFixTest {

    /** The codes the application's rules declare, as the reports hand them over. */
    private static final List<RuleCode> DECLARED = AllRules.evaluator().codes();

    private static CheckState state(RuleCode code, String subject) {
        return States.of(code, "smtp.null_mx.absent.message", "domain", code.code() + " at " + subject).subject(subject).build();
    }

    @Test
    void openRelaysLeadThenCriticalThenUndeterminedThenWarnings() {
        CheckState noPtr = state(ReverseDnsRule.MISSING, "mx1/192.0.2.1");
        CheckState noTls = state(StartTlsOfferedRule.MISSING, "mx1/192.0.2.1");
        CheckState relay = state(OpenRelayRule.OPEN, "mx2/192.0.2.2");
        CheckState undetermined = new CheckState(Status.ERROR, "rule failed", "smtp.dane", null, null, null);
        CheckState fine = state(OpenRelayRule.REFUSED, "mx1/192.0.2.1");
        CheckState note = state(OpenRelayRule.SKIPPED, "mx1/192.0.2.1");

        assertThat(WhatToFix.of(List.of(note, noPtr, fine, noTls, undetermined, relay), DECLARED))
                .containsExactly(relay, noTls, undetermined, noPtr);
    }

    @Test
    void nothingToFixWhenOnlyOkInfoAndUnknown() {
        CheckState unknown = new CheckState(Status.UNKNOWN, "not run", "smtp.dane", null, null, null);
        assertThat(WhatToFix.of(List.of(state(OpenRelayRule.REFUSED, "mx/ip"), state(OpenRelayRule.SKIPPED, "mx/ip"),
                unknown), DECLARED)).isEmpty();
    }

    @Test
    void whatNeedsFixingSortsBeforeEverythingElse() {
        List<Status> sorted = java.util.Arrays.stream(Status.values()).sorted(Status.BY_SEVERITY).toList();
        assertThat(sorted).containsExactly(Status.CRIT, Status.ERROR, Status.WARN, Status.UNKNOWN, Status.INFO,
                Status.OK);
        assertThat(sorted.stream().filter(Status::needsFixing)).containsExactly(Status.CRIT, Status.ERROR,
                Status.WARN);
    }

    @Test
    void aCodeDeclaredFixedFirstLeadsWhateverItsSeverity() {
        RuleCode early = new RuleCode("test.fixed_first.warn", Status.WARN)
                .fixedFirst();
        CheckState crit = state(StartTlsOfferedRule.MISSING, "mx1/192.0.2.1");
        CheckState first = state(early, "mx2/192.0.2.2");
        assertThat(WhatToFix.of(List.of(crit, first), List.of(early))).containsExactly(first, crit);
    }

    @Test
    void onlyTheCodesHandedOverLeadNotEveryCodeEverDeclaredFixedFirst() {
        // A fix-first declaration made elsewhere (another evaluator's rules, a test's) reorders no other report.
        RuleCode elsewhere = new RuleCode("test.elsewhere.warn", Status.WARN).fixedFirst();
        CheckState crit = state(StartTlsOfferedRule.MISSING, "mx1/192.0.2.1");
        CheckState warn = state(elsewhere, "mx2/192.0.2.2");
        assertThat(WhatToFix.of(List.of(warn, crit), DECLARED)).containsExactly(crit, warn);
    }

    @Test
    void theOpenRelayLeadsBecauseItsRuleDeclaresIt() {
        assertThat(DECLARED).filteredOn(RuleCode::fixFirst).containsExactly(OpenRelayRule.OPEN);
    }
}
