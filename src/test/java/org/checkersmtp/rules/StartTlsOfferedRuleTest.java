package org.checkersmtp.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.checkersmtp.rules.Fixtures.*;

import java.util.List;
import org.checkersmtp.observation.ConnectFailure;
import org.checkersmtp.observation.SmtpObservation;
import org.junit.jupiter.api.Test;

class StartTlsOfferedRuleTest {

    private final StartTlsOfferedRule rule = new StartTlsOfferedRule();

    @Test
    void offered() {
        assertThat(only(judge(rule, observation(endpoint().build()))).code()).isEqualTo("smtp.starttls_offered.ok");
    }

    @Test
    void missingEverywhereAddsTheDomainVerdict() {
        List<CheckState> states = judge(rule, observation(endpoint().extensions("PIPELINING", "8BITMIME").build()));
        assertThat(states).extracting(CheckState::code).containsExactly("smtp.starttls_offered.missing",
                "smtp.all_no_starttls");
        assertThat(states.get(1).subject()).isEqualTo("example.com");
        assertThat(states.get(0).metaString(States.FIX)).contains("smtpd_tls_security_level = may");
        assertThat(states.get(1).status()).isEqualTo(Status.CRIT);
        assertThat(states.get(1).metaString(States.FIX)).as("the Go checker's fix: settings, then MTA-STS/DANE")
                .contains("smtpd_tls_security_level = may").contains("tls_advertise_hosts").contains("MTA-STS")
                .contains("DANE");
    }

    @Test
    void missingOnOneOfTwo() {
        List<CheckState> states = judge(rule, observation(endpoint().build(),
                endpoint("mx2.example.com", "192.0.2.26").extensions("PIPELINING").build()));
        assertThat(states).extracting(CheckState::status).containsExactly(Status.OK, Status.CRIT);
    }

    @Test
    void untestedWhenEhloWasNotReached() {
        List<CheckState> states = judge(rule, observation(endpoint().connectFailed(ConnectFailure.TIMEOUT, "t").build()));
        assertThat(only(states).status()).isEqualTo(Status.UNKNOWN);
    }
}
