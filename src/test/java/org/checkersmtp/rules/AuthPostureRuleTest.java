package org.checkersmtp.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.checkersmtp.rules.Fixtures.*;

import java.util.List;
import org.checkersmtp.observation.ConnectFailure;
import org.checkersmtp.observation.EndpointProbe;
import org.junit.jupiter.api.Test;

class AuthPostureRuleTest {

    private final AuthPostureRule rule = new AuthPostureRule();

    private CheckState judge(EndpointProbe e) {
        List<CheckState> states = rule.evaluate(observation(e), RuleContext.EMPTY);
        assertWellFormed(rule, states);
        return only(states);
    }

    @Test
    void noAuthOnPort25() {
        assertThat(judge(endpoint().build()).code()).isEqualTo("smtp.auth_posture.none");
    }

    @Test
    void authOnlyAfterTls() {
        CheckState s = judge(endpoint().tlsExtensions("PIPELINING", "AUTH PLAIN LOGIN").build());
        assertThat(s.code()).isEqualTo("smtp.auth_posture.tls_only");
        assertThat(s.message()).contains("PLAIN LOGIN");
    }

    @Test
    void authBeforeTlsIsCritical() {
        CheckState s = judge(endpoint().extensions("PIPELINING", "AUTH PLAIN LOGIN", "STARTTLS").build());
        assertThat(s.code()).isEqualTo("smtp.auth.plaintext");
        assertThat(s.status()).isEqualTo(Status.CRIT);
        assertThat(s.metaString(States.FIX)).contains("smtpd_tls_auth_only = yes");
        assertThat(s.metaString(States.EVIDENCE)).contains("AUTH PLAIN LOGIN");
    }

    @Test
    void untested() {
        assertThat(judge(endpoint().connectFailed(ConnectFailure.POLICY, "policy").build()).status())
                .isEqualTo(Status.UNKNOWN);
    }
}
