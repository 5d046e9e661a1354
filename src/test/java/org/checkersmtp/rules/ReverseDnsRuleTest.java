package org.checkersmtp.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.checkersmtp.rules.Fixtures.*;

import java.util.List;
import org.checkersmtp.observation.ConnectFailure;
import org.checkersmtp.observation.EndpointProbe;
import org.checkersmtp.observation.ReverseDns;
import org.junit.jupiter.api.Test;

class ReverseDnsRuleTest {

    private final ReverseDnsRule rule = new ReverseDnsRule();

    @Test
    void forwardConfirmed() {
        CheckState s = only(judge(rule, endpoint().build()));
        assertThat(s.code()).isEqualTo("smtp.reverse_dns.ok");
    }

    @Test
    void missingPtrWarns() {
        CheckState s = only(judge(rule, endpoint().reverse(new ReverseDns(List.of(), "nxdomain", false, null, null)).build()));
        assertThat(s.code()).isEqualTo("smtp.ptr.missing");
        assertThat(s.status()).isEqualTo(Status.WARN);
        assertThat(s.metaString(States.REPRODUCE)).isEqualTo("dig +short -x 192.0.2.25");
        assertThat(s.message()).contains("192.0.2.25").contains("Its PTR should name mx1.example.com")
                .contains("Gmail, Outlook.com and Yahoo");
        assertThat(s.metaString(States.FIX)).startsWith("Ask the owner of the address");
    }

    @Test
    void ptrThatDoesNotComeBackWarns() {
        CheckState s = only(judge(rule, endpoint().reverse(new ReverseDns(List.of("static.provider.net"), null, false, null,
                List.of("static.provider.net -> 198.51.100.1"))).build()));
        assertThat(s.code()).isEqualTo("smtp.fcrdns.mismatch");
        assertThat(s.meta().get(States.EVIDENCE)).asList().contains("static.provider.net -> 198.51.100.1");
    }

    @Test
    void failedLookupIsUnknown() {
        CheckState s = only(judge(rule, endpoint().reverse(new ReverseDns(List.of(), "PTR lookup failed: timeout", false, null,
                null)).build()));
        assertThat(s.status()).isEqualTo(Status.UNKNOWN);
    }

    @Test
    void judgedEvenWhenTheEndpointIsUnreachable() {
        CheckState s = only(judge(rule, endpoint().connectFailed(ConnectFailure.REFUSED, "refused").build()));
        assertThat(s.status()).isEqualTo(Status.OK);
    }

    @Test
    void aConfirmedPtrWithoutItsNameSentBackByAClientIsStillJudged() {
        CheckState s = only(judge(rule, endpoint().reverse(new ReverseDns(List.of("mx1.example.com"), null, true, null,
                null)).build()));
        assertThat(s.status()).isEqualTo(Status.OK);
        assertThat(s.message()).contains("has PTR mx1.example.com");
    }

    @Test
    void noReverseLookupIsUntested_andNoErrorIsSaidInItsLanguage() {
        CheckState untested = only(judge(rule, endpoint().reverse(null).build()));
        assertThat(untested.code()).isEqualTo("smtp.reverse_dns.untested");
        assertThat(untested.status()).isEqualTo(Status.UNKNOWN);

        CheckState missing = only(judge(rule, endpoint().reverse(new ReverseDns(List.of(), null, false, null, null))
                .build()));
        assertThat(missing.message()).contains("has no PTR record (none)");
        assertThat(Fixtures.inFrench(missing)).contains("(aucune)");
    }
}
