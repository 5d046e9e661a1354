package org.checkersmtp.rules;

import java.time.Instant;
import java.util.List;
import org.checkersmtp.observation.DaneLookup;
import org.checkersmtp.observation.TlsFailure;
import org.checkersmtp.observation.MtaSts;
import org.checkersmtp.observation.PresentedCertificate;
import org.checkersmtp.observation.SmtpObservation;
import org.checkersmtp.observation.TlsEndpointPosture;
import org.checkersmtp.observation.TlsPosture;
import org.checkersmtp.observation.TlsRpt;

/** TLS posture facts for rule tests: mx1.example.com (192.0.2.25) with a valid certificate by default. */
final class TlsPostureFixtures {

    static final Instant AT = Instant.parse("2026-11-24T12:00:00Z");
    static final PresentedCertificate LEAF = new PresentedCertificate("CN=mx1.example.com", "CN=Test CA",
            List.of("DNS:mx1.example.com"), AT.minusSeconds(86_400), AT.plusSeconds(60L * 86_400), "ab12", "RSA", 2048,
            "SHA256withRSA");

    private TlsPostureFixtures() {}

    static TlsEndpointPosture valid() {
        return new TlsEndpointPosture("mx1.example.com", 25, "192.0.2.25", "mx1.example.com", null, null, "TLSv1.3",
                "TLS_AES_128_GCM_SHA256", List.of(LEAF), true, null, true, null, 60L, false, false, null, true,
                "negotiated TLS_AES_128_GCM_SHA256", null, null, 120);
    }

    static TlsEndpointPosture expired() {
        return new TlsEndpointPosture("mx1.example.com", 25, "192.0.2.25", "mx1.example.com", null, null, "TLSv1.3",
                "TLS_AES_128_GCM_SHA256", List.of(LEAF), true, null, true, null, -3L, false, false, null, true, null,
                null, null, 120);
    }

    static TlsEndpointPosture unreachable() {
        return new TlsEndpointPosture("mx1.example.com", 25, "192.0.2.25", null, TlsFailure.HANDSHAKE_FAILED,
                "no cipher suites in common", null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, 10);
    }

    static SmtpObservation with(List<TlsEndpointPosture> endpoints, List<DaneLookup> dane, MtaSts sts, TlsRpt rpt) {
        return Fixtures.observation(Fixtures.endpoint().build())
                .withTlsPosture(new TlsPosture(AT, 300, "system", "root", endpoints, dane, sts, rpt, null));
    }

    static MtaSts policy(String mode, String... patterns) {
        List<String> mx = List.of(patterns);
        return new MtaSts(List.of("v=STSv1; id=1"), null, "1", "https://mta-sts.example.com/.well-known/mta-sts.txt",
                200, null, null, "STSv1", mode, 86400L, mx,
                List.of(new MtaSts.Coverage("mx1.example.com", mx.contains("mx1.example.com") ? "mx1.example.com" : null)));
    }

    static TlsRpt rpt() {
        return new TlsRpt(List.of("v=TLSRPTv1; rua=mailto:tls@example.com"), null, List.of("mailto:tls@example.com"));
    }
}
