package org.checkersmtp.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A state says what its code declares: the severity and the fix come from the code, never from the rule. */
class StatesTest {

    private static final RuleCode REJECTED = new RuleCode("smtp.postmaster.rejected", Status.CRIT,
            "postmaster is refused", "Create the postmaster address.");
    private static final RuleCode ACCEPTED = new RuleCode("smtp.postmaster.accepted", Status.OK, "accepted", null);

    @Test
    void statusCodeAndFixComeFromTheCode() {
        CheckState s = States.of(REJECTED, "mx1 (192.0.2.1): RCPT TO:<postmaster@example.com> rejected")
                .subject("mx1/192.0.2.1").evidence("RCPT → 550 no").reproduce("swaks …").build();
        assertThat(s.status()).isEqualTo(Status.CRIT);
        assertThat(s.code()).isEqualTo("smtp.postmaster.rejected");
        assertThat(s.metaString(States.FIX)).isEqualTo("Create the postmaster address.");
        assertThat(s.message()).isEqualTo("mx1 (192.0.2.1): RCPT TO:<postmaster@example.com> rejected");
        assertThat(s.subject()).isEqualTo("mx1/192.0.2.1");
        assertThat(s.rule()).as("the evaluator stamps the rule").isNull();
    }

    @Test
    void aCodeWithoutFixGivesNoFixKey() {
        assertThat(States.of(ACCEPTED, "ok").build().meta()).doesNotContainKey(States.FIX);
    }

    @Test
    void theFixCannotBeReplacedThroughMeta() {
        assertThatThrownBy(() -> States.of(REJECTED, "x").meta(States.FIX, "something else"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fix");
    }
}
