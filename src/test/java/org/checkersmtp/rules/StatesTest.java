package org.checkersmtp.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.context.NoSuchMessageException;

/**
 * A state says what its code declares: the severity and the fix come from the code, never from the rule; its
 * message is the catalogue's template filled with the parameters the rule gives.
 */
class StatesTest {

    private static CheckState rejected(Object... parameters) {
        return States.of(PostmasterRule.REJECTED, "smtp.postmaster.rejected.message", parameters)
                .subject("mx1/192.0.2.1").evidence("RCPT → 550 no").reproduce("swaks …").build();
    }

    @Test
    void statusCodeAndFixComeFromTheCode() {
        CheckState s = rejected("endpoint", "mx1 (192.0.2.1)", "postmaster", "postmaster@example.com",
                "rcptReply", "550 5.1.1 no such user");
        assertThat(s.status()).isEqualTo(Status.CRIT);
        assertThat(s.code()).isEqualTo("smtp.postmaster.rejected");
        assertThat(s.metaString(States.FIX)).startsWith("Create the postmaster address (Postfix: \"postmaster: root\"")
                .isEqualTo(PostmasterRule.REJECTED.fix());
        assertThat(s.message())
                .isEqualTo("mx1 (192.0.2.1): RCPT TO:<postmaster@example.com> rejected with 550 5.1.1 no such user.");
        assertThat(s.subject()).isEqualTo("mx1/192.0.2.1");
        assertThat(s.rule()).as("the evaluator stamps the rule").isNull();
    }

    @Test
    void aParameterTheTemplateNamesMustBeGiven() {
        assertThatThrownBy(() -> rejected("endpoint", "mx1 (192.0.2.1)", "postmaster", "postmaster@example.com"))
                .isInstanceOf(NoSuchMessageException.class).hasMessageContaining("{rcptReply}");
        assertThatThrownBy(() -> rejected("endpoint")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pairs");
    }

    @Test
    void aCodeWithoutFixGivesNoFixKey() {
        assertThat(States.of(PostmasterRule.ACCEPTED, "smtp.postmaster.accepted.message", "endpoint", "mx1",
                "postmaster", "postmaster@example.com", "rcptReply", "250 ok").build().meta())
                .doesNotContainKey(States.FIX);
    }

    @Test
    void theFixCannotBeReplacedThroughMeta() {
        assertThatThrownBy(() -> States.of(PostmasterRule.REJECTED, "smtp.postmaster.rejected.message")
                .meta(States.FIX, "something else"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fix");
    }
}
