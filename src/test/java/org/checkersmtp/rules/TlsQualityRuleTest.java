package org.checkersmtp.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.checkersmtp.rules.Fixtures.*;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.checkersmtp.json.GoJson;
import org.checkersmtp.observation.RelatedObservation;
import org.junit.jupiter.api.Test;

class TlsQualityRuleTest {

    private final TlsQualityRule rule = new TlsQualityRule();

    private List<CheckState> judge(String tlsProbesJson, String ref) {
        RelatedObservation related = new RelatedObservation("tls", "tls_probes",
                GoJson.mapper().readTree(tlsProbesJson), Instant.parse("2026-11-24T11:00:00Z"), ref);
        return Fixtures.judge(rule, observation(endpoint().build()),
                new RuleContext(Map.of(), Map.of("tls_probes", List.of(related))));
    }

    private static String probe(String fields) {
        return "{\"probes\":{\"mx1.example.com:25\":{\"host\":\"mx1.example.com\",\"port\":25," + fields
                + "}},\"collected_at\":\"2026-11-24T11:00:00Z\"}";
    }

    @Test
    void noTlsResultYetIsInformationNeverCritical() {
        List<CheckState> states = Fixtures.judge(rule, observation(endpoint().build()));
        assertThat(only(states).status()).isEqualTo(Status.INFO);
        assertThat(only(states).message()).contains("No TLS checker result yet");
    }

    @Test
    void validCertificate() {
        CheckState s = only(judge(probe("\"chain_valid\":true,\"hostname_match\":true,"
                + "\"not_after\":\"2027-01-01T00:00:00Z\",\"issues\":[]"), "mx1.example.com:25"));
        assertThat(s.code()).isEqualTo("smtp.tls_quality.ok");
        assertThat(s.subject()).isEqualTo("mx1.example.com");
    }

    @Test
    void invalidChainIsCritical() {
        CheckState s = only(judge(probe("\"chain_valid\":false,\"hostname_match\":true,\"issuer\":\"CN=self\""),
                "mx1.example.com:25"));
        assertThat(s.code()).isEqualTo("smtp.tls_quality.chain_invalid");
        assertThat(s.meta().get(States.EVIDENCE)).asList().contains("issuer: CN=self");
    }

    @Test
    void expiredFromTheDateAloneIsCritical() {
        CheckState s = only(judge(probe("\"not_after\":\"2026-01-01T00:00:00Z\""), "mx1.example.com:25"));
        assertThat(s.code()).isEqualTo("smtp.tls_quality.expired");
    }

    @Test
    void expiringSoonWarns() {
        CheckState s = only(judge(probe("\"issues\":[{\"code\":\"expiring_soon\"}]"), "mx1.example.com:25"));
        assertThat(s.status()).isEqualTo(Status.WARN);
    }

    @Test
    void probesAreMatchedByRefWhenTheyCarryNoHost() {
        CheckState s = only(judge("{\"probes\":[{\"hostname_match\":false}]}", "mx1.example.com:25"));
        assertThat(s.code()).isEqualTo("smtp.tls_quality.hostname_mismatch");
    }

    @Test
    void resultsForOtherHostsAreNotOurs() {
        CheckState s = only(judge("{\"probes\":{\"x\":{\"host\":\"other.example.net\",\"port\":25}}}", ""));
        assertThat(s.code()).isEqualTo("smtp.tls_quality.no_result");
    }

    @Test
    void unreadableResultIsUnknown() {
        CheckState s = only(judge("[1,2,3]", "mx1.example.com:25"));
        assertThat(s.status()).isEqualTo(Status.UNKNOWN);
    }

    @Test
    void aWeakVersionWarns_anUnknownIssueIsNamed() {
        CheckState weak = only(judge(probe("\"issues\":[{\"code\":\"weak_version\"}]"), "mx1.example.com:25"));
        assertThat(weak.code()).isEqualTo("smtp.tls_quality.weak_version");
        assertThat(weak.status()).isEqualTo(Status.WARN);
        CheckState other = only(judge(probe("\"issues\":[{\"code\":\"ocsp_must_staple\"}]"), "mx1.example.com:25"));
        assertThat(other.code()).isEqualTo("smtp.tls_quality.issue");
        assertThat(other.message()).contains("ocsp_must_staple");
        assertThat(Fixtures.inFrench(other)).contains("ocsp_must_staple");
    }
}
