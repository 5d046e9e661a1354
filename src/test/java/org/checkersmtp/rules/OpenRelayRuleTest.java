package org.checkersmtp.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.checkersmtp.rules.Fixtures.*;

import org.checkersmtp.observation.EndReason;
import org.checkersmtp.observation.EndpointProbe;
import org.checkersmtp.observation.OptionalProbe;
import org.checkersmtp.observation.SmtpObservation;
import org.junit.jupiter.api.Test;

class OpenRelayRuleTest {

    private final OpenRelayRule rule = new OpenRelayRule();

    private CheckState judge(SmtpObservation obs) {
        return only(Fixtures.judge(rule, obs));
    }

    private CheckState judge(EndpointProbe e) {
        return judge(observation(e));
    }

    @Test
    void relayRefused() {
        CheckState s = judge(endpoint().build());
        assertThat(s.code()).isEqualTo("smtp.open_relay.refused");
        assertThat(s.message()).contains("554 5.7.1");
    }

    @Test
    void openRelayIsCriticalWithEvidenceFixAndSwaks() {
        CheckState s = judge(endpoint().relay("250 2.1.0 Ok", "250 2.1.5 Ok").build());
        assertThat(s.code()).isEqualTo("smtp.open_relay");
        assertThat(s.status()).isEqualTo(Status.CRIT);
        assertThat(s.meta().get(States.EVIDENCE)).asList()
                .containsExactly("MAIL FROM:<postmaster@example.net> → 250 2.1.0 Ok",
                        "RCPT TO:<postmaster@example.net> → 250 2.1.5 Ok");
        assertThat(s.metaString(States.FIX)).contains("reject_unauth_destination");
        assertThat(s.metaString(States.REPRODUCE)).startsWith("swaks --server 192.0.2.25").endsWith("--quit-after RCPT");
    }

    @Test
    void temporaryAnswerIsInconclusive() {
        CheckState s = judge(endpoint().relay("250 2.1.0 Ok", "451 4.3.0 try later").build());
        assertThat(s.status()).isEqualTo(Status.WARN);
        assertThat(s.message()).contains("does not prove");
    }

    @Test
    void senderRefusedOutrightIsClosed() {
        assertThat(judge(endpoint().relay("550 5.7.1 no", null).build()).status()).isEqualTo(Status.OK);
    }

    @Test
    void disabledAndUntested() {
        assertThat(judge(observation(settingsWithout(OptionalProbe.OPEN_RELAY), endpoint().build())).code())
                .isEqualTo("smtp.open_relay.skipped");
        assertThat(judge(endpoint().endedAt("ehlo", EndReason.CONNECTION_CLOSED, "closed").build()).status())
                .isEqualTo(Status.UNKNOWN);
    }
}
