package org.checkersmtp.collect;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.checkersmtp.collect.dns.DnsInspector;
import org.checkersmtp.observation.EndReason;
import org.checkersmtp.observation.SmtpObservation;
import org.checkersmtp.options.CheckOptions;
import org.checkersmtp.observation.OptionalProbe;
import org.checkersmtp.testsupport.ScriptedSmtpServer;
import org.checkersmtp.testsupport.TestCollectors;
import org.checkersmtp.testsupport.ZoneDnsServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A busy instance stays fair between checks and bounded in threads (issue: capacity and fairness). */
class CollectorCapacityTest {

    private final List<AutoCloseable> closing = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : closing) {
            c.close();
        }
    }

    private SmtpCollector collector(ZoneDnsServer dns, int port, int maxParallel) {
        var p = TestCollectors.properties(dns.address(), port, Duration.ofSeconds(30));
        SmtpCollector collector = new SmtpCollector(new CollectorProperties(p.dns(), p.smtp(),
                new CollectorProperties.Probe(maxParallel, 32, Duration.ofSeconds(30)), p.targets()), Clock.systemUTC());
        closing.add(collector::shutdown);
        return collector;
    }

    private static CheckOptions options(String domain) {
        return new CheckOptions(domain, Duration.ofSeconds(10), "probe.test", EnumSet.allOf(OptionalProbe.class),
                "postmaster@example.com");
    }

    /**
     * Slow checks of one slow domain queue for its two addresses (one session per address at a time);
     * while they wait they must not hold the slots a healthy check needs. With a first-come queue of
     * slots, the healthy check waited for every slow session queued before it.
     */
    @Test
    void aHealthyCheckFinishesBeforeTheSlowChecksThatFilledThePool() throws Exception {
        ZoneDnsServer dns = new ZoneDnsServer(String.join("\n",
                "slow.test. 300 IN MX 10 mx.slow.test.",
                "mx.slow.test. 300 IN A 127.0.0.10",
                "mx.slow.test. 300 IN A 127.0.0.11",
                "healthy.test. 300 IN MX 10 mx.healthy.test.",
                "mx.healthy.test. 300 IN A 127.0.0.12"));
        closing.add(dns);
        ScriptedSmtpServer slowA = ScriptedSmtpServer.builder().address(InetAddress.getByName("127.0.0.10"))
                .greetDelay(Duration.ofMillis(800)).start();
        closing.add(slowA);
        ScriptedSmtpServer slowB = ScriptedSmtpServer.builder().address(InetAddress.getByName("127.0.0.11"))
                .port(slowA.port()).greetDelay(Duration.ofMillis(800)).start();
        closing.add(slowB);
        closing.add(ScriptedSmtpServer.builder().address(InetAddress.getByName("127.0.0.12")).port(slowA.port())
                .start());
        SmtpCollector collector = collector(dns, slowA.port(), 3);

        AtomicInteger finishOrder = new AtomicInteger();
        List<CompletableFuture<Integer>> slow = new ArrayList<>();
        for (int k = 0; k < 4; k++) {
            slow.add(CompletableFuture.supplyAsync(() -> {
                collector.collect(options("slow.test"));
                return finishOrder.incrementAndGet();
            }));
        }
        while (slowA.connections() == 0 || slowB.connections() == 0) {
            Thread.sleep(10);
        }
        SmtpObservation healthy = collector.collect(options("healthy.test"));
        int healthyFinished = finishOrder.incrementAndGet();

        assertThat(healthy.endpoints()).singleElement()
                .satisfies(e -> assertThat(e.end().reason()).isEqualTo(EndReason.COMPLETED));
        assertThat(healthyFinished).as("the healthy check finished first").isEqualTo(1);
        for (CompletableFuture<Integer> s : slow) {
            assertThat(s.get()).isGreaterThan(healthyFinished);
        }
        assertThat(slowA.maxConcurrentConnections()).as("still one session per address").isEqualTo(1);
    }

    /**
     * 50 checks at once of a domain whose 16 MX names never answer: DNS waits hold no thread, so the
     * process grows by at most the configured SMTP slots and the DNS step threads, not by ~48 per check.
     */
    @Test
    void fiftyChecksOfADomainWhoseMxNamesNeverAnswerStayWithinTheThreadBound() throws Exception {
        StringBuilder zone = new StringBuilder();
        for (int i = 1; i <= 16; i++) {
            zone.append("dead.test. 300 IN MX ").append(i).append(" mx").append(i).append(".dead.test.\n");
        }
        ZoneDnsServer dns = new ZoneDnsServer(zone.toString());
        for (int i = 1; i <= 16; i++) {
            dns.misbehave("mx" + i + ".dead.test", ZoneDnsServer.Misbehaviour.DROP);
        }
        closing.add(dns);
        int maxParallel = 16;
        SmtpCollector collector = collector(dns, 25, maxParallel);
        int checks = 50;
        ExecutorService callers = Executors.newFixedThreadPool(checks);
        closing.add(callers::shutdownNow);
        // The callers exist before the baseline: each check's own thread is its caller's, not ours.
        CompletableFuture.allOf(java.util.stream.IntStream.range(0, checks)
                .mapToObj(i -> CompletableFuture.runAsync(() -> { }, callers)).toArray(CompletableFuture[]::new)).join();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        int baseline = threads.getThreadCount();
        AtomicInteger peak = new AtomicInteger(baseline);
        AtomicBoolean sampling = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            while (sampling.get()) {
                peak.accumulateAndGet(threads.getThreadCount(), Math::max);
                Thread.onSpinWait();
            }
        });
        sampler.start();

        List<CompletableFuture<SmtpObservation>> running = new ArrayList<>();
        for (int i = 0; i < checks; i++) {
            running.add(CompletableFuture.supplyAsync(() -> collector.collect(options("dead.test")), callers));
        }
        for (CompletableFuture<SmtpObservation> r : running) {
            assertThat(r.get().mx().records()).hasSize(16)
                    .allSatisfy(mx -> assertThat(mx.resolutionError()).contains("timeout"));
        }
        sampling.set(false);
        sampler.join();

        // dnsjava's selector and its close hook, the session watchdog, the sampler, JIT compiler threads.
        int slack = 8;
        assertThat(peak.get() - baseline).as("threads added while %d checks ran (baseline %d)", checks, baseline)
                .isLessThanOrEqualTo(maxParallel + DnsInspector.THREADS + slack);
    }
}
