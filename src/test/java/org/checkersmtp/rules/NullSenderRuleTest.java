package org.checkersmtp.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.checkersmtp.rules.Fixtures.*;

import org.checkersmtp.observation.EndReason;
import org.checkersmtp.observation.EndpointProbe;
import org.checkersmtp.observation.OptionalProbe;
import org.checkersmtp.observation.SmtpObservation;
import org.junit.jupiter.api.Test;

class NullSenderRuleTest {

    private final NullSenderRule rule = new NullSenderRule();

    private CheckState judge(SmtpObservation obs) {
        return only(Fixtures.judge(rule, obs));
    }

    private CheckState judge(EndpointProbe e) {
        return judge(observation(e));
    }

    @Test
    void accepted() {
        CheckState s = judge(endpoint().build());
        assertThat(s.code()).isEqualTo("smtp.null_sender.accepted");
    }

    @Test
    void rejectedAtMailIsCritical() {
        CheckState s = judge(endpoint().nullSender("550 5.7.1 <>: no bounces", null).build());
        assertThat(s.code()).isEqualTo("smtp.null_sender.rejected");
        assertThat(s.message()).startsWith("mx1.example.com (192.0.2.25): MAIL FROM:<> rejected with 550 5.7.1");
        assertThat(s.metaString(States.REPRODUCE)).contains("--from '<>'").contains("--quit-after MAIL");
    }

    @Test
    void rejectedAtRcptWhileAnOrdinarySenderPassesIsCritical() {
        CheckState s = judge(endpoint()
                .nullSender("250 2.1.0 Ok", "554 5.7.1 <>: Sender address rejected: Access denied")
                .postmaster("250 2.1.0 Ok", "250 2.1.5 Ok").build());
        assertThat(s.code()).isEqualTo("smtp.null_sender.rejected");
        assertThat(s.message()).contains("Sender address rejected").contains("ordinary sender was accepted");
    }

    @Test
    void aDelayedRejectionThatNamesTheSenderIsCriticalEvenIfPostmasterIsRefusedToo() {
        CheckState s = judge(endpoint()
                .nullSender("250 2.1.0 Ok", "554 5.7.1 <>: Sender address rejected: Access denied")
                .postmaster("250 2.1.0 Ok", "554 5.7.1 <postmaster@example.com>: Recipient address rejected").build());
        assertThat(s.code()).isEqualTo("smtp.null_sender.rejected");
        assertThat(s.message()).contains("the reply blames the sender");
    }

    @Test
    void rcptRefusedForEveryoneIsNotBlamedOnTheNullSender() {
        CheckState s = judge(endpoint()
                .nullSender("250 2.1.0 Ok", "550 5.1.1 <postmaster@example.com>: unknown")
                .postmaster("250 2.1.0 Ok", "550 5.1.1 <postmaster@example.com>: unknown").build());
        assertThat(s.status()).isEqualTo(Status.OK);
    }

    @Test
    void greylistingIsInconclusive() {
        CheckState s = judge(endpoint().nullSender("250 2.1.0 Ok", "450 4.2.0 Greylisted, try again").build());
        assertThat(s.status()).isEqualTo(Status.WARN);
        assertThat(s.message()).contains("inconclusive — ").contains("450 4.2.0");
        assertThat(s.metaString(States.EVIDENCE)).contains("450 4.2.0 Greylisted");
    }

    @Test
    void disabledProbeSaysSo() {
        CheckState s = judge(observation(settingsWithout(OptionalProbe.NULL_SENDER), endpoint().build()));
        assertThat(s.status()).isEqualTo(Status.INFO);
        assertThat(s.message()).contains("test_null_sender=false");
    }

    @Test
    void sessionCutBeforeMailIsUntested() {
        CheckState s = judge(endpoint().endedAt("mail", EndReason.DEADLINE, "session deadline reached").build());
        assertThat(s.status()).isEqualTo(Status.UNKNOWN);
        assertThat(s.message()).contains("deadline");
    }
}
