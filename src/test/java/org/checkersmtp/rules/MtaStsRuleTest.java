package org.checkersmtp.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.checkersmtp.rules.Fixtures.only;
import static org.checkersmtp.rules.TlsPostureFixtures.*;

import java.util.List;
import org.checkersmtp.observation.MtaSts;
import org.checkersmtp.observation.SmtpObservation;
import org.junit.jupiter.api.Test;

class MtaStsRuleTest {

    private final MtaStsRule rule = new MtaStsRule();

    private List<CheckState> judge(SmtpObservation obs) {
        return Fixtures.judge(rule, obs);
    }

    @Test
    void noPolicyIsInformationWithTheFix() {
        CheckState s = only(judge(with(List.of(valid()), List.of(), new MtaSts(List.of(), null, null, null, 0, null,
                null, null, null, null, null, null), rpt())));
        assertThat(s.status()).isEqualTo(Status.INFO);
        assertThat(s.code()).isEqualTo("smtp.mta_sts.none");
        assertThat(s.metaString(States.FIX)).contains("mode: testing");
        assertThat(s.metaString(States.REPRODUCE)).isEqualTo("dig +short TXT _mta-sts.example.com");
    }

    @Test
    void enforcedPolicyWithAnExpiredCertificateIsCriticalForThatEndpoint() {
        CheckState s = only(judge(with(List.of(expired()), List.of(), policy("enforce", "mx1.example.com"), rpt())));
        assertThat(s.status()).isEqualTo(Status.CRIT);
        assertThat(s.code()).isEqualTo("smtp.mta_sts.certificate_invalid");
        assertThat(s.subject()).isEqualTo("mx1.example.com/192.0.2.25");
        assertThat(s.message()).contains("expired 3 day(s) ago");
        assertThat(Fixtures.inFrench(s)).contains("expiré depuis 3 jour(s)").doesNotContain("expired");
    }

    @Test
    void enforcedPolicyCoveringTheMxIsOkAndCurlReproducesIt() {
        List<CheckState> states = judge(with(List.of(valid()), List.of(), policy("enforce", "mx1.example.com"), rpt()));
        assertThat(only(states).status()).isEqualTo(Status.OK);
    }

    @Test
    void severalStsRecordsMeanNoPolicy() {
        MtaSts two = new MtaSts(List.of("v=STSv1; id=1", "v=STSv1; id=2"), null, "1", null, 0, null, null, null, null,
                null, null, null);
        List<CheckState> states = judge(with(List.of(valid()), List.of(), two, rpt()));
        assertThat(only(states).code()).isEqualTo("smtp.mta_sts.multiple_records");
    }

    @Test
    void modeNoneAndMissingTlsRptAreNotes() {
        List<CheckState> states = judge(with(List.of(valid()), List.of(), policy("none"),
                new org.checkersmtp.observation.TlsRpt(List.of(), null, List.of())));
        assertThat(states).extracting(CheckState::code).containsExactly("smtp.mta_sts.mode_none",
                "smtp.mta_sts.no_tlsrpt");
        assertThat(states).allSatisfy(s -> assertThat(s.status()).isEqualTo(Status.INFO));
    }

    @Test
    void aFailedTxtLookupIsUnknown() {
        CheckState s = only(judge(with(List.of(valid()), List.of(), new MtaSts(List.of(), "TXT _mta-sts.example.com: "
                + "SERVFAIL", null, null, 0, null, null, null, null, null, null, null), rpt())));
        assertThat(s.status()).isEqualTo(Status.UNKNOWN);
    }

    @Test
    void aShellQuoteSurvivesAQuoteInTheName() {
        assertThat(Reproduce.quote("a'b")).isEqualTo("'a'\\''b'");
    }

    @Test
    void withoutTheTlsPostureNothingIsClaimed() {
        CheckState s = only(judge(Fixtures.observation(Fixtures.endpoint().build())));
        assertThat(s.code()).isEqualTo("smtp.mta_sts.not_examined");
        assertThat(s.status()).isEqualTo(Status.INFO);
        assertThat(s.message()).contains("run option tls_posture");
    }

    @Test
    void aPolicyThatCannotBeFetchedIsUnavailable() {
        MtaSts unfetched = new MtaSts(List.of("v=STSv1; id=1"), null, "1",
                "https://mta-sts.example.com/.well-known/mta-sts.txt", 0, "connection refused", null, null, null, null,
                List.of(), List.of());
        CheckState s = only(judge(with(List.of(valid()), List.of(), unfetched, rpt())));
        assertThat(s.code()).isEqualTo("smtp.mta_sts.unavailable");
        assertThat(s.message()).contains("connection refused");
        assertThat(Fixtures.inFrench(s)).contains("connection refused").doesNotContain("cannot be fetched");
    }

    @Test
    void testingModeNamesTheHostsEnforceWouldCutOff() {
        CheckState s = only(judge(with(List.of(valid()), List.of(), policy("testing", "mx9.example.com"), rpt())));
        assertThat(s.code()).isEqualTo("smtp.mta_sts.testing");
        assertThat(s.message()).contains("mx1.example.com");
    }

    @Test
    void anEnforcedPolicyThatDoesNotListAnMxIsCriticalForThatHost() {
        CheckState s = only(judge(with(List.of(valid()), List.of(), policy("enforce", "mx9.example.com"), rpt())));
        assertThat(s.code()).isEqualTo("smtp.mta_sts.uncovered");
        assertThat(s.subject()).isEqualTo("mx1.example.com");
    }
}
