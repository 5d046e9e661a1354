package org.checkersmtp.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.checkersmtp.rules.Fixtures.*;

import java.util.List;
import org.checkersmtp.observation.AddressResolution;
import org.checkersmtp.observation.MxLookup;
import org.checkersmtp.observation.MxRecord;
import org.junit.jupiter.api.Test;

class MxPresentRuleTest {

    private final MxPresentRule rule = new MxPresentRule();

    @Test
    void mxRecordsArePresent() {
        CheckState s = only(judge(rule, observation(endpoint().build())));
        assertThat(s.status()).isEqualTo(Status.OK);
        assertThat(s.message()).contains("10 mx1.example.com");
        assertThat(s.subject()).isEqualTo("example.com");
    }

    @Test
    void nullMxCountsAsADeclaration() {
        assertThat(only(judge(rule, nullMx())).code()).isEqualTo("smtp.mx_present.null_mx");
    }

    /** The Go checker: no MX and no null MX is CRIT even when the domain's own address would take the mail. */
    @Test
    void implicitMxIsCriticalAndNamesTheFallbackAndTheFix() {
        MxRecord self = new MxRecord(0, "example.com", List.of("192.0.2.1"), List.of("2001:db8::1"), false,
                List.of(), AddressResolution.OK, null);
        CheckState s = only(judge(rule, withMx(new MxLookup(List.of(self), null, false, true, false, List.of()))));
        assertThat(s.status()).isEqualTo(Status.CRIT);
        assertThat(s.code()).isEqualTo("smtp.mx_present.implicit");
        assertThat(s.message()).contains("neither an MX record nor a null MX")
                .contains("falls back to its own address (192.0.2.1, 2001:db8::1; implicit MX")
                .contains("Publish an explicit MX, or a null MX");
        assertThat(s.metaString(States.FIX)).contains("IN MX 10 mx1.example.com.").contains("IN MX 0 .");
        assertThat(s.metaString(States.EVIDENCE)).contains("example.com has address 192.0.2.1");
        assertThat(s.metaString(States.REPRODUCE)).isEqualTo("dig +noall +answer MX example.com");
    }

    @Test
    void theLookupFailureCarriesItsDeclaredFix() {
        assertThat(only(judge(rule, dnsFailure())).metaString(States.FIX)).isEqualTo(MxPresentRule.LOOKUP_FAILED.fix());
    }

    @Test
    void noMxAndNoAddressIsCritical() {
        MxRecord self = new MxRecord(0, "example.com", List.of(), List.of(), false, List.of(),
                AddressResolution.NO_ADDRESS, null);
        CheckState s = only(judge(rule, withMx(new MxLookup(List.of(self), null, false, true, false, List.of()))));
        assertThat(s.status()).isEqualTo(Status.CRIT);
        assertThat(s.code()).isEqualTo("smtp.mx_present.none");
    }

    @Test
    void nxdomainIsCritical() {
        CheckState s = only(judge(rule, withMx(new MxLookup(List.of(), null, false, false, true, List.of()))));
        assertThat(s.code()).isEqualTo("smtp.mx_present.nxdomain");
    }

    @Test
    void dnsFailureIsCouldNotDetermine() {
        CheckState s = only(judge(rule, dnsFailure()));
        assertThat(s.status()).isEqualTo(Status.ERROR);
        assertThat(s.message()).startsWith("Could not determine").contains("SERVFAIL");
    }
}
