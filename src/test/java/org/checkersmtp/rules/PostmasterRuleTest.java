package org.checkersmtp.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.checkersmtp.rules.Fixtures.*;

import org.checkersmtp.observation.ConnectFailure;
import org.checkersmtp.observation.EndpointProbe;
import org.checkersmtp.observation.OptionalProbe;
import org.checkersmtp.observation.SmtpObservation;
import org.junit.jupiter.api.Test;

class PostmasterRuleTest {

    private final PostmasterRule rule = new PostmasterRule();

    private CheckState judge(SmtpObservation obs) {
        return only(Fixtures.judge(rule, obs));
    }

    private CheckState judge(EndpointProbe e) {
        return judge(observation(e));
    }

    @Test
    void accepted() {
        assertThat(judge(endpoint().build()).code()).isEqualTo("smtp.postmaster.accepted");
    }

    @Test
    void rejectedNamesTheEndpointTheRecipientAndTheReply() {
        CheckState s = judge(endpoint("mx2.example.com", "192.0.2.7")
                .nullSender("250 2.1.0 Ok", "550 5.1.1 <postmaster@example.com>: Recipient address rejected")
                .postmaster("250 2.1.0 Ok", "550 5.1.1 <postmaster@example.com>: Recipient address rejected")
                .build());
        assertThat(s.code()).isEqualTo("smtp.postmaster.rejected");
        assertThat(s.message()).isEqualTo("mx2.example.com (192.0.2.7): RCPT TO:<postmaster@example.com> rejected "
                + "with 550 5.1.1 <postmaster@example.com>: Recipient address rejected.");
        assertThat(s.metaString(States.REFERENCE)).isEqualTo("RFC 5321 §4.5.1");
        assertThat(s.metaString(States.REPRODUCE)).isEqualTo("swaks --server 192.0.2.7 --port 25 --ehlo "
                + "mx-checker.happydomain.org --from postmaster@mx-checker.happydomain.org --to "
                + "postmaster@example.com --quit-after RCPT");
    }

    @Test
    void theOrdinarySenderProbeDecidesWhenTheNullSenderWasRefused() {
        CheckState s = judge(endpoint()
                .nullSender("250 2.1.0 Ok", "554 5.7.1 <>: Sender address rejected")
                .postmaster("250 2.1.0 Ok", "250 2.1.5 Ok").build());
        assertThat(s.status()).isEqualTo(Status.OK);
    }

    @Test
    void greylistingIsInconclusiveNotCritical() {
        CheckState s = judge(endpoint().nullSender("250 2.1.0 Ok", "450 4.7.1 Try again later")
                .postmaster("250 2.1.0 Ok", "450 4.7.1 Try again later").build());
        assertThat(s.status()).isEqualTo(Status.WARN);
        assertThat(s.code()).isEqualTo("smtp.postmaster.inconclusive");
    }

    @Test
    void disabledAndUntested() {
        assertThat(judge(observation(settingsWithout(OptionalProbe.POSTMASTER), endpoint().build())).status())
                .isEqualTo(Status.INFO);
        assertThat(judge(endpoint().connectFailed(ConnectFailure.CHECKER_NO_ROUTE, "no route").build()).status())
                .isEqualTo(Status.UNKNOWN);
    }
}
