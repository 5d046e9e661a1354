package org.checkersmtp.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.checkersmtp.rules.Fixtures.*;

import java.util.List;
import org.checkersmtp.observation.ConnectFailure;
import org.checkersmtp.observation.EndpointProbe;
import org.junit.jupiter.api.Test;

class AuthPostureRuleTest {

    private final AuthPostureRule rule = new AuthPostureRule();

    @Test
    void noAuthOnPort25() {
        assertThat(only(judge(rule, endpoint().build())).code()).isEqualTo("smtp.auth_posture.none");
    }

    @Test
    void authOnlyAfterTls() {
        CheckState s = only(judge(rule, endpoint().tlsExtensions("PIPELINING", "AUTH PLAIN LOGIN").build()));
        assertThat(s.code()).isEqualTo("smtp.auth_posture.tls_only");
        assertThat(s.message()).contains("PLAIN LOGIN");
    }

    @Test
    void authBeforeTlsIsCritical() {
        CheckState s = only(judge(rule, endpoint().extensions("PIPELINING", "AUTH PLAIN LOGIN", "STARTTLS").build()));
        assertThat(s.code()).isEqualTo("smtp.auth.plaintext");
        assertThat(s.status()).isEqualTo(Status.CRIT);
        assertThat(s.metaString(States.FIX)).contains("smtpd_tls_auth_only = yes");
        assertThat(s.metaString(States.EVIDENCE)).contains("AUTH PLAIN LOGIN");
    }

    @Test
    void untested() {
        assertThat(only(judge(rule, endpoint().connectFailed(ConnectFailure.POLICY, "policy").build())).status())
                .isEqualTo(Status.UNKNOWN);
    }
}
