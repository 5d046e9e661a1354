package org.checkersmtp.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.checkersmtp.rules.Fixtures.only;
import static org.checkersmtp.rules.TlsPostureFixtures.*;

import java.util.List;
import org.checkersmtp.observation.DaneLookup;
import org.checkersmtp.observation.DnssecStatus;
import org.checkersmtp.observation.SmtpObservation;
import org.checkersmtp.observation.TlsEndpointPosture;
import org.junit.jupiter.api.Test;

class DaneRuleTest {

    private final DaneRule rule = new DaneRule();
    private static final String NAME = "_25._tcp.mx1.example.com";

    private List<CheckState> judge(SmtpObservation obs) {
        return Fixtures.judge(rule, obs);
    }

    @Test
    void withoutTheTlsPostureNothingIsClaimed() {
        CheckState s = only(judge(Fixtures.observation(Fixtures.endpoint().build())));
        assertThat(s.status()).isEqualTo(Status.INFO);
        assertThat(s.code()).isEqualTo("smtp.dane.not_examined");
        assertThat(s.message()).contains("run option tls_posture");
    }

    @Test
    void noTlsaIsInformationWithTheFixAndTheQuotedDigCommand() {
        CheckState s = only(judge(with(List.of(valid()), List.of(new DaneLookup("mx1.example.com", NAME,
                DnssecStatus.SECURE, List.of(), null)), null, null)));
        assertThat(s.status()).isEqualTo(Status.INFO);
        assertThat(s.code()).isEqualTo("smtp.dane.none");
        assertThat(s.metaString(States.FIX)).contains("TLSA 3 1 1");
        assertThat(s.metaString(States.REPRODUCE)).isEqualTo("dig +dnssec TLSA _25._tcp.mx1.example.com");
    }

    @Test
    void bogusValidationIsCriticalWithTheValidatorsReason() {
        CheckState s = only(judge(with(List.of(valid()), List.of(new DaneLookup("mx1.example.com", NAME,
                DnssecStatus.BOGUS, List.of(), "validate.bogus.badkey")), null, null)));
        assertThat(s.status()).isEqualTo(Status.CRIT);
        assertThat(s.message()).contains("validate.bogus.badkey").contains("defer");
    }

    @Test
    void aChainTheResolverCannotGiveIsOneUnknownForTheCheckNotACriticalPerHost() {
        String gap = "the resolver 192.0.2.53:53 returned no DNSKEY RRset for ., the trust anchor's zone";
        List<CheckState> states = judge(with(List.of(valid()), List.of(
                new DaneLookup("mx1.example.com", NAME, DnssecStatus.INDETERMINATE, List.of(), gap),
                new DaneLookup("mx2.example.com", "_25._tcp.mx2.example.com", DnssecStatus.INDETERMINATE, List.of(), gap),
                new DaneLookup("mx3.example.com", "_25._tcp.mx3.example.com", DnssecStatus.INSECURE, List.of(), null)),
                null, null));
        assertThat(states).extracting(CheckState::code).containsExactly("smtp.dane.unvalidated", "smtp.dane.none");
        CheckState s = states.get(0);
        assertThat(s.status()).isEqualTo(Status.UNKNOWN);
        assertThat(s.message()).contains("mx1.example.com, mx2.example.com", gap, "checker.dns.trust-anchors")
                .doesNotContain("mx3.example.com");
    }

    @Test
    void onlyPkixUsagesAreUnusableForSmtp() {
        CheckState s = only(judge(with(List.of(valid()), List.of(new DaneLookup("mx1.example.com", NAME,
                DnssecStatus.SECURE, List.of("1 1 1 ABCD"), null)), null, null)));
        assertThat(s.status()).isEqualTo(Status.WARN);
        assertThat(s.code()).isEqualTo("smtp.dane.unusable");
    }

    @Test
    void anEndpointWithoutHandshakeCannotBeMatched() {
        CheckState s = only(judge(with(List.of(unreachable()), List.of(new DaneLookup("mx1.example.com", NAME,
                DnssecStatus.SECURE, List.of("3 1 1 ABCD"), null)), null, null)));
        assertThat(s.status()).isEqualTo(Status.UNKNOWN);
        assertThat(s.subject()).isEqualTo("mx1.example.com/192.0.2.25");
        assertThat(s.message()).contains("no cipher suites in common");
    }

    @Test
    void aFailedLookupIsUnknownNotAbsence() {
        CheckState s = only(judge(with(List.of(valid()), List.of(new DaneLookup("mx1.example.com", NAME,
                DnssecStatus.ERROR, List.of(), "TLSA _25._tcp.mx1.example.com: timed out")), null, null)));
        assertThat(s.status()).isEqualTo(Status.UNKNOWN);
        assertThat(s.code()).isEqualTo("smtp.dane.lookup_failed");
    }

    @Test
    void aMatchingCertificateIsOk_anotherIsCritical() {
        DaneLookup secure = new DaneLookup("mx1.example.com", NAME, DnssecStatus.SECURE, List.of("3 1 1 ABCD"), null);
        CheckState ok = only(judge(with(List.of(valid().withDane(true, List.of("3 1 1 ABCD"))), List.of(secure),
                null, null)));
        assertThat(ok.code()).isEqualTo("smtp.dane.ok");
        assertThat(ok.message()).contains("3 1 1 ABCD");

        CheckState mismatch = only(judge(with(List.of(valid().withDane(false, List.of())), List.of(secure), null,
                null)));
        assertThat(mismatch.code()).isEqualTo("smtp.dane.mismatch");
        assertThat(mismatch.status()).isEqualTo(Status.CRIT);
    }

    @Test
    void tlsaRecordsWithoutDnssecAreIgnoredBySenders() {
        CheckState s = only(judge(with(List.of(valid()), List.of(new DaneLookup("mx1.example.com", NAME,
                DnssecStatus.INSECURE, List.of("3 1 1 ABCD"), null)), null, null)));
        assertThat(s.code()).isEqualTo("smtp.dane.insecure");
    }

    @Test
    void anEndpointWithoutAnyHandshakeErrorSaysSoInItsLanguage() {
        TlsEndpointPosture silent = unreachable();
        silent = new TlsEndpointPosture(silent.host(), silent.port(), silent.address(), null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null, 10);
        CheckState s = only(judge(with(List.of(silent), List.of(new DaneLookup("mx1.example.com", NAME,
                DnssecStatus.SECURE, List.of("3 1 1 ABCD"), null)), null, null)));
        assertThat(s.message()).contains("(no handshake)");
        assertThat(Fixtures.inFrench(s)).contains("(aucune négociation TLS)");
    }
}
