package org.checkersmtp.collect;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.checkersmtp.observation.ConnectFailure;
import org.checkersmtp.observation.EndReason;
import org.checkersmtp.observation.EndpointProbe;
import org.checkersmtp.observation.IpFamily;
import org.checkersmtp.observation.Phase;
import org.checkersmtp.observation.SmtpObservation;
import org.checkersmtp.observation.TransactionKind;
import org.checkersmtp.options.CheckOptions;
import org.checkersmtp.testsupport.ScriptedSmtpServer;
import org.checkersmtp.testsupport.TestCollectors;
import org.checkersmtp.testsupport.ZoneDnsServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The orchestration: every address of every MX, concurrently, under one deadline, politely, within policy. */
class SmtpCollectorTest {

    private final List<AutoCloseable> servers = new ArrayList<>();
    private ZoneDnsServer dns;

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable s : servers) {
            s.close();
        }
        if (dns != null) {
            dns.close();
        }
    }

    /** One scripted server per address, all on the same port (the collector probes one port). */
    private int startOnSharedPort(List<String> addresses, UnaryOperator<ScriptedSmtpServer.Builder> script)
            throws Exception {
        int port = 0;
        for (String address : addresses) {
            ScriptedSmtpServer server = script.apply(ScriptedSmtpServer.builder()
                    .address(InetAddress.getByName(address)).port(port)).start();
            port = server.port();
            servers.add(server);
        }
        return port;
    }

    private ScriptedSmtpServer server(int i) {
        return (ScriptedSmtpServer) servers.get(i);
    }

    private SmtpCollector collector(int port, Duration collectTimeout, boolean allowPrivate) {
        var p = TestCollectors.properties(dns.address(), port, collectTimeout);
        return new SmtpCollector(new CollectorProperties(p.dns(), p.smtp(), p.probe(),
                new CollectorProperties.Targets(allowPrivate)), Clock.systemUTC());
    }

    private static CheckOptions options(String domain, Duration timeout) {
        return new CheckOptions(domain, timeout, "probe.test", true, true, true, "postmaster@example.com");
    }

    private static final String ZONE = String.join("\n",
            "multi.test. 300 IN MX 10 mx1.multi.test.",
            "multi.test. 300 IN MX 20 mx2.multi.test.",
            "mx1.multi.test. 300 IN A 127.0.0.2",
            "mx1.multi.test. 300 IN A 127.0.0.3",
            "mx1.multi.test. 300 IN AAAA ::1",
            "mx2.multi.test. 300 IN A 127.0.0.4",
            "2.0.0.127.in-addr.arpa. 300 IN PTR mx1.multi.test.",
            "shared.test. 300 IN MX 10 a.shared.test.",
            "shared.test. 300 IN MX 20 b.shared.test.",
            "a.shared.test. 300 IN A 127.0.0.2",
            "b.shared.test. 300 IN A 127.0.0.2",
            "nullmx.test. 300 IN MX 0 .");

    @Test
    void everyAddressOfEveryMxIsProbedConcurrently() throws Exception {
        dns = new ZoneDnsServer(ZONE);
        int port = startOnSharedPort(List.of("127.0.0.2", "127.0.0.3", "::1", "127.0.0.4"),
                b -> b.greetDelay(Duration.ofSeconds(2)));
        long t0 = System.nanoTime();
        SmtpObservation obs = collector(port, Duration.ofSeconds(30), true)
                .collect(options("multi.test", Duration.ofSeconds(8)), null);
        long ms = (System.nanoTime() - t0) / 1_000_000;

        assertThat(obs.endpoints()).extracting(EndpointProbe::target, EndpointProbe::address).containsExactly(
                org.assertj.core.groups.Tuple.tuple("mx1.multi.test", "127.0.0.2"),
                org.assertj.core.groups.Tuple.tuple("mx1.multi.test", "127.0.0.3"),
                org.assertj.core.groups.Tuple.tuple("mx1.multi.test", "::1"),
                org.assertj.core.groups.Tuple.tuple("mx2.multi.test", "127.0.0.4"));
        assertThat(obs.endpoints()).allSatisfy(e -> assertThat(e.end().reason()).isEqualTo(EndReason.COMPLETED));
        assertThat(ms).as("four 2 s greetings in parallel, not 8 s in a row").isLessThan(5000);
        assertThat(obs.coverage().ipv4Endpoints()).isEqualTo(3);
        assertThat(obs.coverage().ipv6Endpoints()).isEqualTo(1);
        assertThat(obs.coverage().ipv6Reachable()).isEqualTo(1);
        assertThat(obs.endpoints().get(2).family()).isEqualTo(IpFamily.IPV6);
        assertThat(obs.endpoints().get(0).reverseDns().ptr()).containsExactly("mx1.multi.test");
        assertThat(obs.endpoints().get(0).reverseDns().forwardConfirmed()).isTrue();
        assertThat(obs.endpoints().get(1).reverseDns().error()).isEqualTo("nxdomain");
        assertThat(obs.incomplete()).isNull();
        assertThat(obs.probe().relayRecipient()).isEqualTo("postmaster@example.com");
    }

    @Test
    void privateAddressesAreRefusedByPolicyAndNeverContacted() throws Exception {
        dns = new ZoneDnsServer(ZONE);
        int port = startOnSharedPort(List.of("127.0.0.2", "127.0.0.3", "::1", "127.0.0.4"), b -> b);
        SmtpObservation obs = collector(port, Duration.ofSeconds(30), false)
                .collect(options("multi.test", Duration.ofSeconds(5)), null);
        assertThat(obs.endpoints()).hasSize(4).allSatisfy(e -> {
            assertThat(e.connect().failure()).isEqualTo(ConnectFailure.POLICY);
            assertThat(e.end().reason()).isEqualTo(EndReason.POLICY_REFUSED);
            assertThat(e.end().detail()).contains("refused by policy").contains("loopback");
        });
        for (AutoCloseable s : servers) {
            assertThat(((ScriptedSmtpServer) s).connections()).isZero();
        }
        assertThat(obs.coverage().ipv6Untested()).isEqualTo(1);
    }

    @Test
    void theCollectDeadlineReturnsWhatFinishedAndNamesThePhaseOfTheRest() throws Exception {
        dns = new ZoneDnsServer(ZONE);
        int port = startOnSharedPort(List.of("127.0.0.2", "127.0.0.3", "::1", "127.0.0.4"),
                b -> b.hostile(ScriptedSmtpServer.Hostile.NEVER_GREET));
        long t0 = System.nanoTime();
        SmtpObservation obs = collector(port, Duration.ofSeconds(2), true)
                .collect(options("multi.test", Duration.ofSeconds(20)), null);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(ms).isBetween(1900L, 4000L);
        assertThat(obs.endpoints()).hasSize(4).allSatisfy(e -> {
            assertThat(e.end().reason()).isEqualTo(EndReason.COLLECT_DEADLINE);
            assertThat(e.end().phase()).isEqualTo(Phase.GREETING);
            assertThat(e.end().detail()).contains("timed out in phase greeting");
        });
    }

    @Test
    void oneSessionAtATimePerAddressEvenAcrossMxNames() throws Exception {
        dns = new ZoneDnsServer(ZONE);
        int port = startOnSharedPort(List.of("127.0.0.2"), b -> b.greetDelay(Duration.ofMillis(500)));
        SmtpObservation obs = collector(port, Duration.ofSeconds(30), true)
                .collect(options("shared.test", Duration.ofSeconds(5)), null);
        assertThat(obs.endpoints()).hasSize(2).allSatisfy(e ->
                assertThat(e.end().reason()).isEqualTo(EndReason.COMPLETED));
        assertThat(server(0).connections()).isEqualTo(2);
        assertThat(server(0).maxConcurrentConnections()).isEqualTo(1);
    }

    @Test
    void aDisabledRuleSkipsTheProbeOnlyItJudges() throws Exception {
        dns = new ZoneDnsServer(ZONE);
        int port = startOnSharedPort(List.of("127.0.0.2"), b -> b);
        SmtpObservation obs = collector(port, Duration.ofSeconds(30), true)
                .collect(options("shared.test", Duration.ofSeconds(5)), Map.of("smtp.open_relay", false));
        assertThat(obs.probe().testOpenRelay()).isFalse();
        assertThat(obs.endpoints()).allSatisfy(e -> assertThat(e.transaction(TransactionKind.OPEN_RELAY)).isEmpty());
        assertThat(server(0).commands()).noneMatch(c -> c.contains("postmaster@example.com"));
    }

    @Test
    void nullMxAndDnsFailureProbeNothing() throws Exception {
        dns = new ZoneDnsServer(ZONE).misbehave("broken.test", ZoneDnsServer.Misbehaviour.SERVFAIL);
        SmtpCollector collector = collector(25, Duration.ofSeconds(10), true);
        SmtpObservation nullMx = collector.collect(options("nullmx.test", Duration.ofSeconds(5)), null);
        assertThat(nullMx.mx().nullMx()).isTrue();
        assertThat(nullMx.endpoints()).isEmpty();
        SmtpObservation failed = collector.collect(options("broken.test", Duration.ofSeconds(5)), null);
        assertThat(failed.mx().error()).contains("SERVFAIL");
        assertThat(failed.endpoints()).isEmpty();
    }
}
