package org.checkersmtp.tlsposture;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.checkersmtp.collect.CollectorProperties;
import org.checkersmtp.observation.Connect;
import org.checkersmtp.observation.Coverage;
import org.checkersmtp.observation.EndReason;
import org.checkersmtp.observation.EndpointProbe;
import org.checkersmtp.observation.Extension;
import org.checkersmtp.observation.IpFamily;
import org.checkersmtp.observation.MxLookup;
import org.checkersmtp.observation.SessionEnd;
import org.checkersmtp.observation.SmtpObservation;
import org.checkersmtp.observation.TlsEndpointPosture;
import org.checkersmtp.observation.TlsFailure;
import org.checkersmtp.observation.TlsPosture;
import org.checkersmtp.config.TlsPostureConfig;
import org.checkersmtp.testsupport.ScriptedSmtpServer;
import org.checkersmtp.testsupport.TestCollectors;
import org.checkersmtp.testsupport.ScriptedSmtpServer.Hostile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/**
 * Servers that misbehave cannot hang, crash or bloat the sibling: every endpoint ends within the
 * budget with the reason, and the target policy and the connection seam are obeyed. Scripted servers
 * on 127.0.0.40–45, one port, as the sibling connects to every address on the same port.
 */
class HostileEndpointsTest {

    static final int PORT = 2526;
    private final List<ScriptedSmtpServer> servers = new ArrayList<>();

    @AfterEach
    void stop() {
        servers.forEach(ScriptedSmtpServer::close);
    }

    private String serve(String address, ScriptedSmtpServer.Builder builder) throws Exception {
        servers.add(builder.address(InetAddress.getByName(address)).port(PORT).start());
        return address;
    }

    /** What the SMTP probe would have recorded: connected, STARTTLS advertised. */
    private static EndpointProbe reached(String address) {
        return new EndpointProbe(address, 10, address, IpFamily.IPV4, null, new Connect(true, null, null, 1), null,
                null, null, List.of(new Extension("STARTTLS", List.of())), null, null, null, null,
                new SessionEnd(EndReason.COMPLETED, org.checkersmtp.observation.Phase.QUIT, null), 1);
    }

    private static SmtpObservation observation(List<String> addresses) {
        // A failed MX lookup: no MTA-STS question; IP-literal targets: no TLSA question.
        return new SmtpObservation("hostile.test", Instant.now(), MxLookup.failed("not asked"),
                addresses.stream().map(HostileEndpointsTest::reached).toList(), new Coverage(0, 0, 0, 0, 0), 1, null,
                0, null);
    }

    private static TlsPostureService service(EndpointAccess access) {
        return service(access, new CollectorProperties.Smtp(PORT, 2048, 100, DataSize.ofKilobytes(32)));
    }

    /** The sibling as the application wires it, on these checker.smtp.* settings. */
    private static TlsPostureService service(EndpointAccess access, CollectorProperties.Smtp smtp) {
        CollectorProperties collector = new CollectorProperties(
                new CollectorProperties.Dns(List.of("127.0.0.1:9"), Duration.ofMillis(200)), smtp,
                new CollectorProperties.Probe(8, 32, Duration.ofSeconds(30)),
                new CollectorProperties.Targets(true, List.of()));
        TlsPostureProperties tls = new TlsPostureProperties(
                new TlsPostureProperties.Tls("", 443, Duration.ofSeconds(4)), new TlsPostureProperties.DnsTrust(""));
        return new TlsPostureService(TlsPostureConfig.settings(collector, tls), access, Clock.systemUTC());
    }

    private static TlsEndpointPosture at(TlsPosture posture, String address) {
        return posture.endpoints().stream().filter(e -> e.address().equals(address)).findFirst().orElseThrow();
    }

    @Test
    void everyHostileServerEndsWithinTheBudgetWithItsReason() throws Exception {
        String drip = serve("127.0.0.40", ScriptedSmtpServer.builder().hostile(Hostile.DRIP));
        String endless = serve("127.0.0.41", ScriptedSmtpServer.builder().hostile(Hostile.ENDLESS_REPLY));
        String longLine = serve("127.0.0.42", ScriptedSmtpServer.builder().hostile(Hostile.LONG_LINE));
        String stalled = serve("127.0.0.43", ScriptedSmtpServer.builder().starttls().hostile(Hostile.STALLED_TLS));
        String broken = serve("127.0.0.44", ScriptedSmtpServer.builder().starttls().hostile(Hostile.BROKEN_TLS));
        String noTls = serve("127.0.0.45", ScriptedSmtpServer.builder());
        try (TlsPostureService service = service(TlsPostureConfig.access(TestCollectors.collector(PORT, 8, true)))) {
            Instant start = Instant.now();
            TlsPosture posture = service.examine(observation(List.of(drip, endless, longLine, stalled, broken, noTls)),
                    Duration.ofSeconds(3));
            assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(6));
            assertThat(at(posture, drip).failure()).isEqualTo(TlsFailure.DEADLINE);
            assertThat(at(posture, endless).error()).contains("longer than 100 lines");
            assertThat(at(posture, longLine).error()).contains("reply line longer than 2048");
            assertThat(at(posture, stalled).failure()).isEqualTo(TlsFailure.DEADLINE);
            assertThat(at(posture, broken).failure()).isEqualTo(TlsFailure.HANDSHAKE_FAILED);
            assertThat(at(posture, noTls).failure()).isEqualTo(TlsFailure.STARTTLS_NOT_OFFERED);
            assertThat(posture.endpoints()).noneMatch(TlsEndpointPosture::handshakeOk);
            // Nothing here vouches for a certificate: no probe for smtp.tls_quality to call valid.
            assertThat(TlsProbes.document(posture).get("probes")).isEmpty();
        }
    }

    @Test
    void theConfiguredSmtpLimitsBoundTheSiblingsDialogue() throws Exception {
        // Its EHLO reply has six lines: within the default 100, over a configured 3.
        String address = serve("127.0.0.40", ScriptedSmtpServer.builder().starttls());
        EndpointAccess access = TlsPostureConfig.access(TestCollectors.collector(PORT, 8, true));
        try (TlsPostureService defaults = service(access)) {
            TlsEndpointPosture examined = at(defaults.examine(observation(List.of(address)), Duration.ofSeconds(3)),
                    address);
            assertThat(examined.tlsVersion()).as(examined.error()).isNotNull();
        }
        try (TlsPostureService strict = service(access,
                new CollectorProperties.Smtp(PORT, 2048, 3, DataSize.ofKilobytes(32)))) {
            TlsEndpointPosture examined = at(strict.examine(observation(List.of(address)), Duration.ofSeconds(3)),
                    address);
            assertThat(examined.tlsVersion()).isNull();
            assertThat(examined.error()).contains("reply longer than 3 lines");
        }
    }

    @Test
    void anAddressRefusedByTheTargetPolicyIsNeverContacted() throws Exception {
        String address = serve("127.0.0.40", ScriptedSmtpServer.builder().starttls());
        try (TlsPostureService service = service(TlsPostureConfig.access(TestCollectors.collector(PORT, 8, false)))) {
            TlsPosture posture = service.examine(observation(List.of(address)), Duration.ofSeconds(3));
            assertThat(at(posture, address).failure()).isEqualTo(TlsFailure.POLICY);
            assertThat(at(posture, address).error()).contains("allow-private=false");
        }
        assertThat(servers.get(0).connections()).isZero();
    }

    @Test
    void connectionsToOneAddressAreMadeOneAtATime() throws Exception {
        String address = serve("127.0.0.40", ScriptedSmtpServer.builder().starttls());
        EndpointAccess local = TlsPostureConfig.access(TestCollectors.collector(PORT, 8, true));
        java.util.concurrent.atomic.AtomicInteger holders = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger mostHolders = new java.util.concurrent.atomic.AtomicInteger();
        EndpointAccess counting = new EndpointAccess() {
            @Override
            public Optional<String> refusal(InetAddress a) {
                return local.refusal(a);
            }

            @Override
            public Optional<Slot> acquire(InetAddress a, Instant deadline) throws InterruptedException {
                Optional<Slot> slot = local.acquire(a, deadline);
                slot.ifPresent(s -> mostHolders.accumulateAndGet(holders.incrementAndGet(), Math::max));
                return slot.map(s -> () -> {
                    holders.decrementAndGet();
                    s.close();
                });
            }
        };
        try (TlsPostureService service = service(counting)) {
            // The same address listed three times (three MX names on one host): one session at a time.
            TlsPosture posture = service.examine(observation(List.of(address, address, address)), Duration.ofSeconds(4));
            assertThat(posture.endpoints()).allSatisfy(e -> assertThat(e.tlsVersion()).as(e.error()).isNotNull());
        }
        assertThat(servers.get(0).connections()).as("each examined: handshake and legacy probes").isGreaterThanOrEqualTo(6);
        assertThat(mostHolders.get()).isEqualTo(1);
    }

    @Test
    void theSeamHoldsTheCollectorsSlotsAndReleasesThem() throws Exception {
        EndpointAccess access = TlsPostureConfig.access(TestCollectors.collector(PORT, 1, true));
        InetAddress a = InetAddress.getByName("192.0.2.1");
        InetAddress b = InetAddress.getByName("192.0.2.2");
        EndpointAccess.Slot held = access.acquire(a, Instant.now().plusSeconds(1)).orElseThrow();
        assertThat(access.acquire(a, Instant.now().plusMillis(100))).as("same address while held").isEmpty();
        assertThat(access.acquire(b, Instant.now().plusMillis(100))).as("over the cap of one").isEmpty();
        held.close();
        held.close(); // a second close gives nothing back twice
        try (EndpointAccess.Slot again = access.acquire(b, Instant.now().plusSeconds(1)).orElseThrow()) {
            assertThat(access.acquire(a, Instant.now().plusMillis(100))).as("still one slot in all").isEmpty();
        }
        access.acquire(a, Instant.now().plusSeconds(1)).orElseThrow().close();
    }
}
