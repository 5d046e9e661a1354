package org.checkersmtp.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.checkersmtp.rules.Fixtures.*;

import java.util.List;
import org.checkersmtp.observation.ConnectFailure;
import org.checkersmtp.observation.SmtpObservation;
import org.junit.jupiter.api.Test;

class EndpointReachableRuleTest {

    private final EndpointReachableRule rule = new EndpointReachableRule();

    private List<CheckState> judge(SmtpObservation obs) {
        List<CheckState> states = rule.evaluate(obs, RuleContext.EMPTY);
        assertWellFormed(rule, states);
        return states;
    }

    @Test
    void reachableEndpoint() {
        CheckState s = only(judge(observation(endpoint().build())));
        assertThat(s.status()).isEqualTo(Status.OK);
        assertThat(s.subject()).isEqualTo("mx1.example.com/192.0.2.25");
        assertThat(s.message()).startsWith("mx1.example.com (192.0.2.25) accepts");
    }

    @Test
    void refusedEndpointIsCriticalAndTheDomainTooWhenNoneIsReachable() {
        List<CheckState> states = judge(observation(endpoint().connectFailed(ConnectFailure.REFUSED,
                "Connection refused").build()));
        assertThat(states).extracting(CheckState::code).containsExactly("smtp.endpoint.unreachable",
                "smtp.endpoint.none_reachable");
        assertThat(states.get(0).metaString(States.REPRODUCE)).isEqualTo("nc -v 192.0.2.25 25");
        assertThat(states.get(0).message()).contains("Connection refused");
    }

    @Test
    void oneDownOfTwoIsCriticalForThatOneOnly() {
        List<CheckState> states = judge(observation(endpoint().build(),
                endpoint("mx2.example.com", "192.0.2.26").connectFailed(ConnectFailure.TIMEOUT, "timed out").build()));
        assertThat(states).extracting(CheckState::status).containsExactly(Status.OK, Status.CRIT);
    }

    @Test
    void untestableEndpointsAreUnknownNotFailures() {
        List<CheckState> states = judge(observation(
                endpoint().connectFailed(ConnectFailure.POLICY, "refused by policy: 10.0.0.1 is private").build(),
                endpoint("mx1.example.com", "2001:db8::25").connectFailed(ConnectFailure.CHECKER_NO_ROUTE,
                        "Network is unreachable").build()));
        assertThat(states).extracting(CheckState::status).containsExactly(Status.UNKNOWN, Status.UNKNOWN);
        assertThat(states.get(0).message()).contains("could not be tested").contains("policy");
    }

    @Test
    void noEndpointAtAll() {
        assertThat(only(judge(dnsFailure())).status()).isEqualTo(Status.ERROR);
        assertThat(only(judge(nullMx())).status()).isEqualTo(Status.INFO);
    }
}
