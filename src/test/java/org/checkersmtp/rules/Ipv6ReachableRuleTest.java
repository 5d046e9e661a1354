package org.checkersmtp.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.checkersmtp.rules.Fixtures.*;

import java.util.List;
import org.checkersmtp.observation.ConnectFailure;
import org.checkersmtp.observation.SmtpObservation;
import org.junit.jupiter.api.Test;

class Ipv6ReachableRuleTest {

    private final Ipv6ReachableRule rule = new Ipv6ReachableRule();

    @Test
    void reachableOverIpv6() {
        CheckState s = only(judge(rule, observation(endpoint().build(), endpoint("mx1.example.com", "2001:db8::25").build())));
        assertThat(s.code()).isEqualTo("smtp.ipv6_reachable.ok");
        assertThat(s.subject()).isEqualTo("example.com");
    }

    @Test
    void noAaaaIsInformation() {
        assertThat(only(judge(rule, observation(endpoint().build()))).code()).isEqualTo("smtp.ipv6_reachable.none");
    }

    @Test
    void publishedButUnreachable() {
        CheckState s = only(judge(rule, observation(endpoint().build(), endpoint("mx1.example.com", "2001:db8::25")
                .connectFailed(ConnectFailure.TIMEOUT, "connect timed out").build())));
        assertThat(s.code()).isEqualTo("smtp.ipv6_reachable.unreachable");
        assertThat(s.message()).contains("IPv4 works");
    }

    @Test
    void checkerWithoutIpv6IsUnknown() {
        CheckState s = only(judge(rule, observation(endpoint().build(), endpoint("mx1.example.com", "2001:db8::25")
                .connectFailed(ConnectFailure.CHECKER_NO_ROUTE, "Network is unreachable").build())));
        assertThat(s.status()).isEqualTo(Status.UNKNOWN);
        assertThat(s.message()).contains("could not test");
    }

    @Test
    void dnsFailureIsAnError() {
        assertThat(only(judge(rule, dnsFailure())).status()).isEqualTo(Status.ERROR);
    }
}
