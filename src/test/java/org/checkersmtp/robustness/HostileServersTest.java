package org.checkersmtp.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.checkersmtp.collect.SmtpCollector;
import org.checkersmtp.observation.AddressResolution;
import org.checkersmtp.observation.EndpointProbe;
import org.checkersmtp.observation.SmtpObservation;
import org.checkersmtp.options.CheckOptions;
import org.checkersmtp.observation.OptionalProbe;
import org.checkersmtp.rules.AllRules;
import org.checkersmtp.rules.CheckState;
import org.checkersmtp.rules.RuleContext;
import org.checkersmtp.rules.RuleEvaluator;
import org.checkersmtp.rules.Status;
import org.checkersmtp.testsupport.ScriptedSmtpServer;
import org.checkersmtp.testsupport.ScriptedSmtpServer.Hostile;
import org.checkersmtp.testsupport.TestCollectors;
import org.checkersmtp.testsupport.ZoneDnsServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Servers that misbehave on purpose, driven through the public collector and the rules as a check
 * would run: every check ends within its timeout plus one second with a state that says what
 * happened, and rounds of them leave the thread count and the heap where they were.
 */
class HostileServersTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(1);
    private static final int ROUNDS = 4;

    private final List<AutoCloseable> closing = new ArrayList<>();
    private final RuleEvaluator rules = AllRules.evaluator();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closing) {
            c.close();
        }
    }

    private static Map<String, UnaryOperator<ScriptedSmtpServer.Builder>> behaviours() {
        Map<String, UnaryOperator<ScriptedSmtpServer.Builder>> all = new LinkedHashMap<>();
        for (Hostile h : List.of(Hostile.NEVER_GREET, Hostile.DRIP, Hostile.ENDLESS_REPLY, Hostile.MEGABYTE_WITHOUT_CRLF,
                Hostile.GARBAGE, Hostile.INVALID_UTF8, Hostile.RESET_AFTER_EHLO, Hostile.STALL_AFTER_EHLO,
                Hostile.STALLED_TLS, Hostile.BROKEN_TLS, Hostile.CLOSE_MID_REPLY, Hostile.LONG_LINE)) {
            all.put(h.name(), b -> h == Hostile.STALLED_TLS || h == Hostile.BROKEN_TLS ? b.starttls().hostile(h) : b.hostile(h));
        }
        all.put("421 greeting", b -> b.greeting("421 4.3.2 mx.test.example busy, try later"));
        all.put("554 greeting", b -> b.greeting("554 5.7.1 no SMTP service here"));
        all.put("STARTTLS then 454", b -> b.extensions("PIPELINING", "STARTTLS")
                .reply("STARTTLS", "454 4.7.0 TLS not available due to local problem"));
        return all;
    }

    @Test
    void everyHostileServerEndsWithinTheTimeoutWithAClearStateAndNothingGrows() throws Exception {
        ZoneDnsServer dns = new ZoneDnsServer(String.join("\n", "hostile.test. 300 IN MX 10 mx.hostile.test.",
                "mx.hostile.test. 300 IN A 127.0.0.1"));
        closing.add(dns);
        Map<String, SmtpCollector> collectors = new LinkedHashMap<>();
        for (Map.Entry<String, UnaryOperator<ScriptedSmtpServer.Builder>> b : behaviours().entrySet()) {
            ScriptedSmtpServer server = b.getValue().apply(ScriptedSmtpServer.builder()).start();
            closing.add(server);
            collectors.put(b.getKey(), new SmtpCollector(
                    TestCollectors.properties(dns.address(), server.port(), Duration.ofSeconds(30)), Clock.systemUTC()));
        }
        CheckOptions options = new CheckOptions("hostile.test", TIMEOUT, "probe.test",
                EnumSet.allOf(OptionalProbe.class),
                "postmaster@example.com");
        ExecutorService pool = Executors.newFixedThreadPool(collectors.size());
        long threadsAfterFirst = 0;
        long heapAfterFirst = 0;
        List<String> summary = new ArrayList<>();
        long start = System.nanoTime();
        try {
            for (int round = 1; round <= ROUNDS; round++) {
                Map<String, Future<long[]>> checks = new LinkedHashMap<>();
                for (Map.Entry<String, SmtpCollector> c : collectors.entrySet()) {
                    checks.put(c.getKey(), pool.submit(() -> {
                        long t0 = System.nanoTime();
                        SmtpObservation o = c.getValue().collect(options);
                        long ms = (System.nanoTime() - t0) / 1_000_000;
                        assertClearEnd(c.getKey(), o);
                        return new long[] {ms};
                    }));
                }
                for (Map.Entry<String, Future<long[]>> check : checks.entrySet()) {
                    long ms = check.getValue().get(30, TimeUnit.SECONDS)[0];
                    assertThat(ms).as("%s took %d ms", check.getKey(), ms)
                            .isLessThanOrEqualTo(TIMEOUT.toMillis() + 1000);
                    if (round == ROUNDS) {
                        summary.add(check.getKey() + " " + ms + " ms");
                    }
                }
                System.gc();
                // A collector's session threads come on demand, up to its slots, and idle out: bounded, counted apart.
                long poolThreads = Thread.getAllStackTraces().keySet().stream()
                        .filter(t -> t.getName().startsWith("smtp-session-")).count();
                long threads = ManagementFactory.getThreadMXBean().getThreadCount() - poolThreads;
                long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                System.out.printf("hostile servers round %d: %d threads besides %d in the collectors' SMTP pools, "
                        + "%d MiB heap%n", round, threads, poolThreads, heap >> 20);
                assertThat(poolThreads).isLessThanOrEqualTo((long) collectors.size() * 16);
                if (round == 1) {
                    threadsAfterFirst = threads;
                    heapAfterFirst = heap;
                } else {
                    assertThat(threads).as("threads after round %d", round).isLessThanOrEqualTo(threadsAfterFirst + 16);
                    assertThat(heap).as("heap after round %d", round).isLessThanOrEqualTo(heapAfterFirst + (64L << 20));
                }
            }
        } finally {
            pool.shutdownNow();
        }
        System.out.printf("hostile servers: %d behaviours x %d rounds, 0 failures, %d ms; last round: %s%n",
                collectors.size(), ROUNDS, (System.nanoTime() - start) / 1_000_000, String.join(", ", summary));
    }

    /** The one endpoint ended for a stated reason, and the rules say so without failing themselves. */
    private void assertClearEnd(String behaviour, SmtpObservation o) {
        assertThat(o.endpoints()).as(behaviour).hasSize(1);
        EndpointProbe e = o.endpoints().get(0);
        assertThat(e.end()).as(behaviour).isNotNull();
        assertThat(e.end().reason()).as(behaviour).isNotNull();
        assertThat(e.transcript()).as(behaviour).isNotEmpty();
        List<CheckState> states = rules.evaluate(o, new RuleContext(Map.of(), Map.of()), null);
        assertThat(states).as(behaviour).isNotEmpty();
        // No rule failed on it (a failing rule's state quotes the Java exception).
        assertThat(states).as(behaviour).allSatisfy(s -> assertThat(s.message()).doesNotContain("java."));
        assertThat(states).as(behaviour + ": the server misbehaved, some rule must say so")
                .anyMatch(s -> s.status() == Status.CRIT || s.status() == Status.WARN || s.status() == Status.ERROR);
    }

    @Test
    void dnsFaultsAreErrorsNeverNoMx() throws Exception {
        ZoneDnsServer dns = new ZoneDnsServer(String.join("\n",
                "servfail.test. 300 IN MX 10 mx.servfail.test.",
                "silent.test. 300 IN MX 10 mx.silent.test.",
                "big.test. 300 IN MX 10 mx.big.test.",
                "mx.big.test. 300 IN A 192.0.2.25",
                "loop.test. 300 IN MX 10 mx.loop.test.",
                "mx.loop.test. 300 IN CNAME a.loop.test.",
                "a.loop.test. 300 IN CNAME mx.loop.test.",
                "brokenmx.test. 300 IN MX 10 mx.brokenmx.test."))
                .misbehave("servfail.test", ZoneDnsServer.Misbehaviour.SERVFAIL)
                .misbehave("silent.test", ZoneDnsServer.Misbehaviour.DROP)
                .misbehave("big.test", ZoneDnsServer.Misbehaviour.TRUNCATE)
                .misbehave("mx.brokenmx.test", ZoneDnsServer.Misbehaviour.SERVFAIL);
        closing.add(dns);
        SmtpCollector collector = new SmtpCollector(TestCollectors.properties(dns.address(), 25, Duration.ofSeconds(20)),
                Clock.systemUTC());
        for (String domain : List.of("servfail.test", "silent.test")) {
            SmtpObservation o = collector.collect(CheckOptions.defaults(domain));
            assertThat(o.mx().error()).as(domain).isNotBlank();
            assertThat(o.mx().nxdomain()).isFalse();
            assertThat(verdict(o, "smtp.mx_present")).as(domain).isEqualTo(Status.ERROR);
        }
        // Truncated over UDP: asked again over TCP, and answered.
        SmtpObservation big = collector.collect(CheckOptions.defaults("big.test"));
        assertThat(big.mx().records()).extracting(r -> r.target()).containsExactly("mx.big.test");
        assertThat(dns.tcpQueries()).isPositive();
        for (String domain : List.of("loop.test", "brokenmx.test")) {
            SmtpObservation o = collector.collect(CheckOptions.defaults(domain));
            assertThat(o.mx().records()).as(domain).singleElement()
                    .satisfies(r -> assertThat(r.resolution()).isEqualTo(AddressResolution.ERROR));
            assertThat(verdict(o, "smtp.mx_present")).as(domain).isNotEqualTo(Status.CRIT);
            assertThat(rules.evaluate(o, new RuleContext(Map.of(), Map.of()), null))
                    .anyMatch(s -> s.status() == Status.ERROR);
        }
    }

    private Status verdict(SmtpObservation o, String rule) {
        return Status.worst(rules.evaluate(o, new RuleContext(Map.of(), Map.of()), null).stream()
                .filter(s -> rule.equals(s.rule())).map(CheckState::status).toList());
    }
}
