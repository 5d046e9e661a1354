package org.checkersmtp.collect;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.function.UnaryOperator;
import org.checkersmtp.collect.smtp.EndpointTarget;
import org.checkersmtp.observation.ConnectFailure;
import org.checkersmtp.observation.EndReason;
import org.checkersmtp.observation.EndpointProbe;
import org.checkersmtp.observation.IpFamily;
import org.checkersmtp.observation.MxLookup;
import org.checkersmtp.observation.Phase;
import org.checkersmtp.observation.SmtpObservation;
import org.checkersmtp.options.CheckOptions;
import org.checkersmtp.observation.OptionalProbe;
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
                new CollectorProperties.Targets(allowPrivate, List.of())), Clock.systemUTC());
    }

    private static CheckOptions options(String domain, Duration timeout) {
        return new CheckOptions(domain, timeout, "probe.test",
                EnumSet.allOf(OptionalProbe.class), "postmaster@example.com");
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
            "nullmx.test. 300 IN MX 0 .",
            "paused.test. 300 IN MX 10 mx.paused.test.",
            "mx.paused.test. 300 IN A 127.0.0.10",
            "mx.paused.test. 300 IN A 127.0.0.11",
            "queued.test. 300 IN MX 10 a.queued.test.",
            "queued.test. 300 IN MX 20 b.queued.test.",
            "a.queued.test. 300 IN A 127.0.0.12",
            "b.queued.test. 300 IN A 127.0.0.12");

    @Test
    void everyAddressOfEveryMxIsProbedConcurrently() throws Exception {
        dns = new ZoneDnsServer(ZONE);
        int port = startOnSharedPort(List.of("127.0.0.2", "127.0.0.3", "::1", "127.0.0.4"),
                b -> b.greetDelay(Duration.ofSeconds(2)));
        long t0 = System.nanoTime();
        SmtpObservation obs = collector(port, Duration.ofSeconds(30), true)
                .collect(options("multi.test", Duration.ofSeconds(8)));
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
                .collect(options("multi.test", Duration.ofSeconds(5)));
        assertThat(obs.endpoints()).hasSize(4).allSatisfy(e -> {
            assertThat(e.connect().failure()).isEqualTo(ConnectFailure.POLICY);
            assertThat(e.end().reason()).isEqualTo(EndReason.POLICY_REFUSED);
            assertThat(e.end().detail()).contains("refused by policy").contains("loopback");
        });
        for (AutoCloseable s : servers) {
            assertThat(((ScriptedSmtpServer) s).connections()).isZero();
        }
        assertThat(obs.coverage().ipv6Untested()).isEqualTo(1);
        EndpointProbe v6 = obs.endpoints().get(2);
        assertThat(v6.address()).as("RFC 5952, as the rest of the record writes it").isEqualTo("::1");
        assertThat(v6.subject()).isEqualTo("mx1.multi.test/::1");
        assertThat(v6.end().detail()).contains("::1 is in a loopback range").doesNotContain("0:0:0:0");
    }

    @Test
    void theCollectDeadlineReturnsWhatFinishedAndNamesThePhaseOfTheRest() throws Exception {
        dns = new ZoneDnsServer(ZONE);
        int port = startOnSharedPort(List.of("127.0.0.2", "127.0.0.3", "::1", "127.0.0.4"),
                b -> b.hostile(ScriptedSmtpServer.Hostile.NEVER_GREET));
        long t0 = System.nanoTime();
        SmtpObservation obs = collector(port, Duration.ofSeconds(2), true)
                .collect(options("multi.test", Duration.ofSeconds(20)));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(ms).isBetween(1900L, 4000L);
        assertThat(obs.endpoints()).hasSize(4).allSatisfy(e -> {
            assertThat(e.end().reason()).isEqualTo(EndReason.COLLECT_DEADLINE);
            assertThat(e.end().phase()).isEqualTo(Phase.GREETING);
            assertThat(e.end().detail()).contains("timed out in phase greeting");
        });
        assertThat(obs.incomplete()).isEqualTo("timed out in phase greeting (4 endpoints)");
    }

    @Test
    void anEndpointStillQueuedAtTheCollectDeadlineMakesTheObservationIncomplete() throws Exception {
        dns = new ZoneDnsServer(ZONE);
        int port = startOnSharedPort(List.of("127.0.0.12"), b -> b.hostile(ScriptedSmtpServer.Hostile.NEVER_GREET));
        SmtpObservation obs = collector(port, Duration.ofSeconds(2), true)
                .collect(options("queued.test", Duration.ofSeconds(20)));
        assertThat(obs.endpoints()).extracting(e -> e.end().phase()).containsExactly(Phase.GREETING, Phase.QUEUE);
        assertThat(obs.endpoints().get(1).end().detail()).startsWith("timed out in phase queue");
        assertThat(obs.incomplete()).isEqualTo("timed out in phase queue (1 endpoint), greeting (1 endpoint)");
        assertThat(server(0).connections()).as("the queued session never opened a second connection").isEqualTo(1);
    }

    @Test
    void theListenerHearsEachEndpointsPhasesInOrderBeforeTheCollectReturns() throws Exception {
        dns = new ZoneDnsServer(ZONE);
        Duration pause = Duration.ofMillis(400);
        int port = startOnSharedPort(List.of("127.0.0.10", "127.0.0.11"), b -> b.greetPause(pause));
        RecordingListener events = new RecordingListener();
        SmtpObservation obs = collector(port, Duration.ofSeconds(30), true)
                .collect(options("paused.test", Duration.ofSeconds(8)), events);
        List<String> atReturn = List.copyOf(events.lines);

        assertThat(atReturn.get(0)).isEqualTo("mx mx.paused.test/127.0.0.10 mx.paused.test/127.0.0.11");
        for (String address : List.of("127.0.0.10", "127.0.0.11")) {
            List<RecordingListener.Entered> phases = events.phases(address);
            assertThat(phases).extracting(RecordingListener.Entered::phase).containsExactly(Phase.QUEUE,
                    Phase.CONNECT, Phase.GREETING, Phase.EHLO, Phase.MAIL, Phase.RCPT, Phase.RSET, Phase.MAIL,
                    Phase.RCPT, Phase.RSET, Phase.MAIL, Phase.RCPT, Phase.RSET, Phase.QUIT);
            for (int i = 1; i < phases.size(); i++) {
                assertThat(phases.get(i).previous()).isEqualTo(phases.get(i - 1).phase());
            }
            assertThat(phases.get(3).previousTook()).as("EHLO entered after the greet pause, timed for GREETING")
                    .isGreaterThanOrEqualTo(pause.minusMillis(50));
            assertThat(atReturn).filteredOn(l -> l.contains("/" + address + " ")).last().asString()
                    .startsWith("done mx.paused.test/" + address + " completed");
        }
        Thread.sleep(300);
        assertThat(events.lines).as("nothing after the collect returned").isEqualTo(atReturn);
        assertThat(obs.endpoints()).allSatisfy(e -> assertThat(e.end().reason()).isEqualTo(EndReason.COMPLETED));
    }

    @Test
    void addressesRefusedByPolicyAreAnnouncedAndFinishedWithoutPhases() throws Exception {
        dns = new ZoneDnsServer(ZONE);
        RecordingListener events = new RecordingListener();
        collector(25, Duration.ofSeconds(30), false).collect(options("paused.test", Duration.ofSeconds(5)), events);
        assertThat(events.lines).containsExactly("mx mx.paused.test/127.0.0.10 mx.paused.test/127.0.0.11",
                "done mx.paused.test/127.0.0.10 policy_refused", "done mx.paused.test/127.0.0.11 policy_refused");
    }

    @Test
    void aDomainOutsideTheAllowListAsksNothingOfDnsOrOfAnyServer() throws Exception {
        dns = new ZoneDnsServer(ZONE);
        int port = startOnSharedPort(List.of("127.0.0.10", "127.0.0.11"), b -> b);
        var p = TestCollectors.properties(dns.address(), port, Duration.ofSeconds(30));
        SmtpCollector collector = new SmtpCollector(new CollectorProperties(p.dns(), p.smtp(), p.probe(),
                new CollectorProperties.Targets(true, List.of("multi.test"))), Clock.systemUTC());
        RecordingListener events = new RecordingListener();

        SmtpObservation obs = collector.collect(options("paused.test", Duration.ofSeconds(5)), events);

        assertThat(collector.domainRefusal("paused.test")).isPresent();
        assertThat(obs.mx().error()).startsWith("refused by policy: paused.test is not a domain this instance checks");
        assertThat(obs.endpoints()).isEmpty();
        assertThat(events.lines).containsExactly("mx ");
        assertThat(dns.udpQueries() + dns.tcpQueries()).isZero();
        assertThat(server(0).connections() + server(1).connections()).isZero();
        assertThat(collector.domainRefusal("mx1.multi.test")).isEmpty();
    }

    @Test
    void aListenerThatThrowsChangesNothing() throws Exception {
        dns = new ZoneDnsServer(ZONE);
        int port = startOnSharedPort(List.of("127.0.0.10", "127.0.0.11"), b -> b);
        CollectListener broken = new CollectListener() {
            @Override
            public void mxLookupFinished(MxLookup mx, List<EndpointTarget> endpoints) {
                throw new IllegalStateException("listener bug");
            }

            @Override
            public void phaseEntered(EndpointTarget endpoint, Phase phase, Phase previous, Duration took) {
                throw new IllegalStateException("listener bug");
            }

            @Override
            public void endpointFinished(EndpointTarget endpoint, EndpointProbe probe, Duration took) {
                throw new IllegalStateException("listener bug");
            }
        };
        SmtpObservation obs = collector(port, Duration.ofSeconds(30), true)
                .collect(options("paused.test", Duration.ofSeconds(5)), broken);
        assertThat(obs.endpoints()).hasSize(2).allSatisfy(e -> {
            assertThat(e.end().reason()).isEqualTo(EndReason.COMPLETED);
            assertThat(e.transactions()).isNotEmpty();
        });
    }

    /** Every event as a line, and the phase events per address. */
    static final class RecordingListener implements CollectListener {
        record Entered(String address, Phase phase, Phase previous, Duration previousTook) {
        }

        final List<String> lines = new CopyOnWriteArrayList<>();
        final List<Entered> entered = new CopyOnWriteArrayList<>();

        @Override
        public void mxLookupFinished(MxLookup mx, List<EndpointTarget> endpoints) {
            lines.add("mx " + endpoints.stream().map(e -> e.host() + "/" + e.address().getHostAddress())
                    .collect(Collectors.joining(" ")));
        }

        @Override
        public void phaseEntered(EndpointTarget endpoint, Phase phase, Phase previous, Duration previousTook) {
            entered.add(new Entered(endpoint.address().getHostAddress(), phase, previous, previousTook));
            lines.add("phase " + endpoint.host() + "/" + endpoint.address().getHostAddress() + " " + phase);
        }

        @Override
        public void endpointFinished(EndpointTarget endpoint, EndpointProbe probe, Duration lastPhaseTook) {
            lines.add("done " + endpoint.host() + "/" + endpoint.address().getHostAddress() + " "
                    + probe.end().reason().name().toLowerCase(java.util.Locale.ROOT));
        }

        List<Entered> phases(String address) {
            return entered.stream().filter(e -> e.address().equals(address)).toList();
        }
    }

    @Test
    void oneSessionAtATimePerAddressEvenAcrossMxNames() throws Exception {
        dns = new ZoneDnsServer(ZONE);
        int port = startOnSharedPort(List.of("127.0.0.2"), b -> b.greetDelay(Duration.ofMillis(500)));
        SmtpObservation obs = collector(port, Duration.ofSeconds(30), true)
                .collect(options("shared.test", Duration.ofSeconds(5)));
        assertThat(obs.endpoints()).hasSize(2).allSatisfy(e ->
                assertThat(e.end().reason()).isEqualTo(EndReason.COMPLETED));
        assertThat(server(0).connections()).isEqualTo(2);
        assertThat(server(0).maxConcurrentConnections()).isEqualTo(1);
    }

    @Test
    void nullMxAndDnsFailureProbeNothing() throws Exception {
        dns = new ZoneDnsServer(ZONE).misbehave("broken.test", ZoneDnsServer.Misbehaviour.SERVFAIL);
        SmtpCollector collector = collector(25, Duration.ofSeconds(10), true);
        SmtpObservation nullMx = collector.collect(options("nullmx.test", Duration.ofSeconds(5)));
        assertThat(nullMx.mx().nullMx()).isTrue();
        assertThat(nullMx.endpoints()).isEmpty();
        SmtpObservation failed = collector.collect(options("broken.test", Duration.ofSeconds(5)));
        assertThat(failed.mx().error()).contains("SERVFAIL");
        assertThat(failed.endpoints()).isEmpty();
    }
}
