package org.checkersmtp.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.checkersmtp.rules.Fixtures.*;

import java.util.List;
import org.checkersmtp.observation.AddressResolution;
import org.checkersmtp.observation.MxLookup;
import org.checkersmtp.observation.MxRecord;
import org.junit.jupiter.api.Test;

class NullMxRuleTest {

    private final NullMxRule rule = new NullMxRule();

    @Test
    void noNullMxIsOk() {
        assertThat(only(judge(rule, observation(endpoint().build()))).code()).isEqualTo("smtp.null_mx.absent");
    }

    @Test
    void nullMxIsReportedAsInformation() {
        CheckState s = only(judge(rule, nullMx()));
        assertThat(s.status()).isEqualTo(Status.INFO);
        assertThat(s.message()).contains("accepts no mail");
        assertThat(s.metaString(States.EVIDENCE)).contains("MX 0 .");
    }

    @Test
    void nullMxBesideOtherRecordsIsCalledOut() {
        MxRecord mx = new MxRecord(10, "mx1.example.com", List.of("192.0.2.1"), List.of(), false, List.of(),
                AddressResolution.OK, null);
        CheckState s = only(judge(rule, withMx(new MxLookup(List.of(mx), null, false, false, false,
                List.of("example.com.\t300\tIN\tMX\t0 .", "example.com.\t300\tIN\tMX\t10 mx1.example.com.")))));
        assertThat(s.code()).isEqualTo("smtp.null_mx.mixed");
        assertThat(s.message()).contains("RFC 7505");
    }

    @Test
    void dnsFailureIsAnError() {
        assertThat(only(judge(rule, dnsFailure())).status()).isEqualTo(Status.ERROR);
    }
}
