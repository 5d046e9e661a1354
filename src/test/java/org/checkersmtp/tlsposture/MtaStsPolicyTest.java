package org.checkersmtp.tlsposture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.checkersmtp.observation.MtaSts;
import org.checkersmtp.observation.MtaStsMode;
import org.junit.jupiter.api.Test;

/** The policy file as RFC 8461 §3.2 defines it, and the MX matching of §4.1. */
class MtaStsPolicyTest {

    private static MtaSts parse(String body, String... mx) {
        return MtaStsInspector.parse(List.of("v=STSv1; id=1"), "1", "https://mta-sts.example.com/.well-known/mta-sts.txt",
                body, List.of(mx));
    }

    @Test
    void aPolicyWithCrLfAndUnknownFields() {
        MtaSts p = parse("version: STSv1\r\nmode: enforce\r\nmx: mx1.example.com\r\nmx: *.backup.example.com\r\n"
                + "max_age: 604800\r\nextension: ignored\r\n", "mx1.example.com", "b.backup.example.com");
        assertThat(p.policyError()).isNull();
        assertThat(p.mode()).isEqualTo("enforce");
        assertThat(p.policyMode()).contains(MtaStsMode.ENFORCE);
        // The reading is not part of the wire format: the JSON carries the published word only.
        assertThat(org.checkersmtp.json.GoJson.marshal(p)).contains("\"mode\":\"enforce\"")
                .doesNotContain("policy_mode").doesNotContain("ENFORCE");
        assertThat(p.maxAge()).isEqualTo(604800L);
        assertThat(p.coverage()).extracting(MtaSts.Coverage::pattern)
                .containsExactly("mx1.example.com", "*.backup.example.com");
    }

    @Test
    void aWildcardCoversExactlyOneMoreLabel() {
        List<String> patterns = List.of("*.example.com");
        assertThat(MtaStsInspector.covering(patterns, "MX.Example.com")).contains("*.example.com");
        assertThat(MtaStsInspector.covering(patterns, "a.mx.example.com")).isEmpty();
        assertThat(MtaStsInspector.covering(patterns, "example.com")).isEmpty();
        assertThat(MtaStsInspector.covering(patterns, "mxexample.com")).isEmpty();
        assertThat(MtaStsInspector.covering(List.of("mx.example.com"), "mx.example.com.evil")).isEmpty();
    }

    @Test
    void everyProblemOfAMalformedPolicyIsNamed() {
        MtaSts p = parse("version: STSv2\nmode: strict\nmax_age: forever\nthis is not a field\n", "mx.example.com");
        assertThat(p.policyError()).isEqualTo("max_age is not a number: forever; "
                + "not a \"key: value\" line: this is not a field; version is STSv2, not STSv1; "
                + "mode strict is not enforce, testing or none; no mx field");
        // The unknown word is kept as published, and reads as no mode.
        assertThat(p.mode()).isEqualTo("strict");
        assertThat(p.policyMode()).isEmpty();
    }

    @Test
    void maxAgeBeyondAYearIsRefused() {
        assertThat(parse("version: STSv1\nmode: testing\nmx: mx.example.com\nmax_age: 31557601\n").policyError())
                .isEqualTo("max_age 31557601 is outside 0…31557600");
    }

    @Test
    void modeNoneNeedsNoMx() {
        assertThat(parse("version: STSv1\nmode: none\nmax_age: 86400\n").policyError()).isNull();
    }
}
