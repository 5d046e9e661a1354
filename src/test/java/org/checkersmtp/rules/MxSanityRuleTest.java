package org.checkersmtp.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.checkersmtp.rules.Fixtures.*;

import java.util.List;
import org.checkersmtp.observation.AddressResolution;
import org.checkersmtp.observation.MxLookup;
import org.checkersmtp.observation.MxRecord;
import org.junit.jupiter.api.Test;

class MxSanityRuleTest {

    private final MxSanityRule rule = new MxSanityRule();

    private List<CheckState> judge(MxRecord... records) {
        return Fixtures.judge(rule, withMx(new MxLookup(List.of(records), null, false, false, false, List.of())));
    }

    private static MxRecord record(String target, AddressResolution resolution, List<String> cname, boolean literal) {
        List<String> v4 = resolution == AddressResolution.OK || resolution == AddressResolution.LITERAL
                ? List.of("192.0.2.1") : List.of();
        return new MxRecord(10, target, v4, List.of(), literal, cname, resolution,
                resolution == AddressResolution.ERROR ? "A: SERVFAIL" : null);
    }

    @Test
    void oneStatePerTarget() {
        List<CheckState> states = judge(record("mx1.example.com", AddressResolution.OK, List.of(), false),
                record("mx2.example.com", AddressResolution.NXDOMAIN, List.of(), false));
        assertThat(states).extracting(CheckState::subject).containsExactly("mx1.example.com", "mx2.example.com");
        assertThat(states).extracting(CheckState::status).containsExactly(Status.OK, Status.CRIT);
        assertThat(states.get(1).code()).isEqualTo("smtp.mx_sanity.unresolved");
    }

    @Test
    void ipLiteralIsCritical() {
        CheckState s = only(judge(record("192.0.2.1", AddressResolution.LITERAL, List.of(), true)));
        assertThat(s.code()).isEqualTo("smtp.mx_sanity.ip_literal");
        assertThat(s.status()).isEqualTo(Status.CRIT);
    }

    @Test
    void cnameTargetIsCriticalWithTheChainAndTheFix() {
        CheckState s = only(judge(record("mail.example.com", AddressResolution.OK, List.of("host.provider.net"),
                false)));
        assertThat(s.code()).as("the Go checker's code").isEqualTo("smtp.mx.cname");
        assertThat(s.status()).as("the Go checker's severity").isEqualTo(Status.CRIT);
        assertThat(s.message()).contains("host.provider.net");
        assertThat(s.message()).contains("canonical host, host.provider.net");
        assertThat(s.metaString(States.FIX)).startsWith("Replace the CNAME with A/AAAA records");
        assertThat(s.metaString(States.REPRODUCE)).isEqualTo("dig +noall +answer CNAME mail.example.com");
    }

    @Test
    void targetWithoutAddressIsCritical() {
        assertThat(only(judge(record("mx.example.com", AddressResolution.NO_ADDRESS, List.of(), false))).code())
                .isEqualTo("smtp.mx_sanity.no_address");
    }

    @Test
    void failedTargetLookupIsCouldNotDetermine() {
        CheckState s = only(judge(record("mx.example.com", AddressResolution.ERROR, List.of(), false)));
        assertThat(s.status()).isEqualTo(Status.ERROR);
        assertThat(s.message()).contains("SERVFAIL");
    }

    @Test
    void dnsFailureAndNullMx() {
        assertThat(only(Fixtures.judge(rule, dnsFailure())).status()).isEqualTo(Status.ERROR);
        assertThat(only(Fixtures.judge(rule, nullMx())).status()).isEqualTo(Status.INFO);
    }
}
