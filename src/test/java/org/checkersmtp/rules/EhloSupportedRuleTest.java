package org.checkersmtp.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.checkersmtp.rules.Fixtures.*;

import org.checkersmtp.observation.EndpointProbe;
import org.checkersmtp.observation.EndReason;
import org.junit.jupiter.api.Test;

class EhloSupportedRuleTest {

    private final EhloSupportedRule rule = new EhloSupportedRule();

    private CheckState judge(EndpointProbe e) {
        return only(Fixtures.judge(rule, observation(e)));
    }

    @Test
    void ehloAccepted() {
        assertThat(judge(endpoint().build()).status()).isEqualTo(Status.OK);
    }

    @Test
    void ehloRefusedHeloAcceptedIsCritical() {
        CheckState s = judge(endpoint().ehloRefused("502 5.5.2 Error: command not recognized", "250 mx1").build());
        assertThat(s.code()).isEqualTo("smtp.ehlo_supported.refused");
        assertThat(s.message()).contains("502 5.5.2").contains("HELO works").contains("no STARTTLS");
        assertThat(s.meta().get(States.EVIDENCE)).asList().hasSize(2);
    }

    @Test
    void temporaryRefusalIsInconclusive() {
        assertThat(judge(endpoint().ehloRefused("451 4.3.0 try later", null).build()).status())
                .isEqualTo(Status.WARN);
    }

    @Test
    void notReached() {
        CheckState s = judge(endpoint().greeting("554 5.7.1 go away").build());
        assertThat(s.status()).isEqualTo(Status.UNKNOWN);
        assertThat(s.message()).contains("greeting refused the session");
    }

    @Test
    void aGarbledEhloReplyIsInvalid() {
        CheckState s = judge(endpoint().endedAt("ehlo", EndReason.PROTOCOL_ERROR, "reply line without a code").build());
        assertThat(s.code()).isEqualTo("smtp.ehlo_supported.invalid");
        assertThat(s.status()).isEqualTo(Status.CRIT);
        assertThat(s.message()).contains("reply line without a code");
    }
}
