package org.checkersmtp.tlsposture;

import org.checkersmtp.testsupport.TestCollectors;
import org.checkersmtp.config.TlsPostureConfig;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.Instant;
import java.util.List;
import org.checkersmtp.observation.MtaSts;
import org.checkersmtp.testsupport.ZoneDnsServer;
import org.junit.jupiter.api.Test;

/** The policy host's address goes through the target policy before any connection; DNS failures are said. */
class MtaStsFetchPolicyTest {

    @Test
    void aPolicyHostOnARefusedAddressIsNeverFetched() {
        try (ZoneDnsServer dns = new ZoneDnsServer("""
                _mta-sts.refused.test. 300 IN TXT "v=STSv1; id=7"
                mta-sts.refused.test. 300 IN A 10.1.2.3
                """)) {
            DnsClient client = new DnsClient(List.of(new InetSocketAddress("127.0.0.1", dns.port())),
                    Duration.ofSeconds(1), "");
            MtaStsInspector inspector = new MtaStsInspector(client, TlsPostureConfig.access(
                    TestCollectors.collector(25, 4, false)), TrustMaterial.load(null), 443, Clock.systemUTC());
            MtaSts sts = inspector.inspect("refused.test", List.of("mx.refused.test"), Instant.now().plusSeconds(5));
            assertThat(sts.id()).isEqualTo("7");
            assertThat(sts.httpStatus()).isZero();
            assertThat(sts.fetchError()).contains("refused by policy").contains("private (RFC 1918)");
        }
    }

    @Test
    void theFetchDeadlineIsReadOnTheInjectedClock() {
        try (ZoneDnsServer dns = new ZoneDnsServer("""
                _mta-sts.late.test. 300 IN TXT "v=STSv1; id=7"
                mta-sts.late.test. 300 IN A 127.0.0.1
                """)) {
            DnsClient client = new DnsClient(List.of(new InetSocketAddress("127.0.0.1", dns.port())),
                    Duration.ofSeconds(1), "");
            Instant deadline = Instant.now().plusSeconds(30);
            // The wall clock leaves 30 s; the injected clock says the deadline has passed.
            Clock late = Clock.fixed(deadline.plusSeconds(1), ZoneOffset.UTC);
            MtaSts sts = new MtaStsInspector(client, TlsPostureConfig.access(TestCollectors.collector(25, 4, true)),
                    TrustMaterial.load(null), 443, late).inspect("late.test", List.of(), deadline);
            assertThat(sts.fetchError()).isEqualTo("deadline reached before the policy fetch");
        }
    }

    @Test
    void aFailingTxtLookupIsAFailureNotAnAbsence() {
        try (ZoneDnsServer dns = new ZoneDnsServer("x.test. 300 IN A 192.0.2.1\n")) {
            dns.misbehave("_mta-sts.broken.test.", ZoneDnsServer.Misbehaviour.SERVFAIL);
            DnsClient client = new DnsClient(List.of(new InetSocketAddress("127.0.0.1", dns.port())),
                    Duration.ofSeconds(1), "");
            MtaSts sts = new MtaStsInspector(client, TlsPostureConfig.access(TestCollectors.collector(25, 4, true)),
                    TrustMaterial.load(null), 443, Clock.systemUTC())
                    .inspect("broken.test", List.of(), Instant.now().plusSeconds(5));
            assertThat(sts.txtError()).contains("SERVFAIL");
            assertThat(sts.published()).isFalse();
        }
    }
}
