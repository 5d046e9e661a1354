package org.checkersmtp.tlsposture;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.checkersmtp.testsupport.TestCertificates;
import org.junit.jupiter.api.Test;

/** Which TLSA records a chain satisfies (RFC 7672 §3.1, RFC 6698 §2.1). */
class TlsaMatcherTest {

    static final Instant NOW = Instant.now();
    static final TestCertificates.Issued LEAF = TestCertificates.TestCa.shared().issue(NOW.minus(Duration.ofDays(1)),
            NOW.plus(Duration.ofDays(30)), "mx.example.com");
    static final X509Certificate CA = TestCertificates.TestCa.shared().certificate();
    static final List<X509Certificate> CHAIN = List.of(LEAF.certificate(), CA);

    private static String hex(String algorithm, byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(data));
    }

    @Test
    void daneEeMatchesTheLeafBySelectorAndMatchingType() throws Exception {
        byte[] spki = LEAF.certificate().getPublicKey().getEncoded();
        byte[] cert = LEAF.certificate().getEncoded();
        List<String> records = List.of("3 1 1 " + hex("SHA-256", spki), "3 0 1 " + hex("SHA-256", cert),
                "3 1 2 " + hex("SHA-512", spki), "3 1 0 " + HexFormat.of().formatHex(spki),
                "3 1 1 " + "00".repeat(32));
        assertThat(TlsaMatcher.matching(records, CHAIN, false, NOW)).as("DANE-EE ignores the name")
                .containsExactlyElementsOf(records.subList(0, 4));
    }

    @Test
    void daneTaNeedsTheNameAndAPathToTheAnchor() throws Exception {
        String ta = "2 0 1 " + hex("SHA-256", CA.getEncoded());
        assertThat(TlsaMatcher.matching(List.of(ta), CHAIN, true, NOW)).containsExactly(ta);
        assertThat(TlsaMatcher.matching(List.of(ta), CHAIN, false, NOW)).isEmpty();
        assertThat(TlsaMatcher.matching(List.of(ta), List.of(LEAF.certificate()), true, NOW))
                .as("the anchor must be presented").isEmpty();
        assertThat(TlsaMatcher.matching(List.of(ta), CHAIN, true, NOW.plus(Duration.ofDays(60))))
                .as("an expired leaf has no valid path").isEmpty();
    }

    @Test
    void pkixUsagesAndGarbageNeverMatch() throws Exception {
        String spki = hex("SHA-256", LEAF.certificate().getPublicKey().getEncoded());
        assertThat(TlsaMatcher.matching(List.of("1 1 1 " + spki, "0 1 1 " + spki, "3 1 1 zz", "3 1"), CHAIN, true, NOW))
                .isEmpty();
    }
}
