package org.checkersmtp.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.checkersmtp.rules.Fixtures.*;

import java.util.List;
import java.util.Map;
import org.checkersmtp.observation.EndReason;
import org.checkersmtp.observation.EndpointProbe;
import org.junit.jupiter.api.Test;

class StartTlsHandshakeRuleTest {

    private final StartTlsHandshakeRule rule = new StartTlsHandshakeRule();

    @Test
    void handshakeSucceeds() {
        CheckState s = only(judge(rule, endpoint().build()));
        assertThat(s.status()).isEqualTo(Status.OK);
        assertThat(s.message()).contains("TLSv1.3 TLS_AES_256_GCM_SHA384");
    }

    @Test
    void handshakeFailureIsCriticalWithTheReasonAndAnOpensslCommand() {
        CheckState s = only(judge(rule, endpoint().handshakeFailed("Remote host terminated the handshake").build()));
        assertThat(s.code()).isEqualTo("smtp.starttls_handshake.failed");
        assertThat(s.message()).contains("Remote host terminated").contains("clear text");
        assertThat(s.metaString(States.REPRODUCE))
                .isEqualTo("openssl s_client -starttls smtp -connect 192.0.2.25:25 -servername mx1.example.com");
    }

    @Test
    void ipv6CommandIsBracketed() {
        CheckState s = only(judge(rule, endpoint("mx1.example.com", "2001:db8::25").handshakeFailed("boom").build()));
        assertThat(s.metaString(States.REPRODUCE)).contains("-connect '[2001:db8::25]:25'");
    }

    @Test
    void temporaryRefusalIsInconclusive() {
        CheckState s = only(judge(rule, endpoint().starttlsRefused("454 4.7.0 TLS not available due to local problem").build()));
        assertThat(s.status()).isEqualTo(Status.WARN);
        assertThat(s.message()).contains("inconclusive").contains("454 4.7.0");
    }

    @Test
    void permanentRefusalIsCritical() {
        assertThat(only(judge(rule, endpoint().starttlsRefused("502 5.5.1 no").build())).code())
                .isEqualTo("smtp.starttls_handshake.refused");
    }

    @Test
    void notAdvertisedIsInformation() {
        assertThat(only(judge(rule, endpoint().extensions("PIPELINING").build())).status()).isEqualTo(Status.INFO);
    }

    @Test
    void cutBeforeTheHandshakeIsUntested() {
        CheckState s = only(judge(rule, endpoint().endedAt("starttls", EndReason.DEADLINE, "deadline").build()));
        assertThat(s.status()).isEqualTo(Status.UNKNOWN);
        assertThat(s.message()).contains("phase starttls");
    }

    @Test
    void anEndpointWithoutStartTlsPointsToTheOfferRule() {
        CheckState s = only(judge(rule, endpoint().extensions("PIPELINING", "8BITMIME").build()));
        assertThat(s.code()).isEqualTo("smtp.starttls_handshake.not_advertised");
        assertThat(s.message()).isEqualTo("mx1.example.com (192.0.2.25) does not advertise STARTTLS: no handshake "
                + "to test.");
    }

    /** The offer turned off, an endpoint without one is not named here, and no handshake at all is said plainly. */
    @Test
    void withTheOfferRuleOffNoEndpointWithoutStartTlsIsNamed() {
        List<CheckState> states = AllRules.evaluator().evaluate(
                observation(endpoint().extensions("PIPELINING", "8BITMIME").build()), RuleContext.EMPTY,
                Map.of("smtp.starttls_offered", false));
        List<CheckState> mine = states.stream().filter(x -> x.rule().equals(rule.name())).toList();
        assertWellFormed(rule, mine);
        CheckState s = only(mine);
        assertThat(s.status()).isEqualTo(Status.INFO);
        assertThat(s.code()).isEqualTo("smtp.starttls_handshake.none");
        assertThat(s.subject()).isEqualTo("example.com");
        assertThat(s.message()).isEqualTo("No endpoint of example.com was asked for a TLS handshake: nothing to "
                + "judge.").doesNotContainIgnoringCase("starttls");
    }
}
