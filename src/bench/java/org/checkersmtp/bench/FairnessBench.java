package org.checkersmtp.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.checkersmtp.testsupport.ScriptedSmtpServer;

/**
 * Benchmark 4: a healthy one-address check while K slow checks are in flight (each of
 * {@value Lab#SLOW_CHECK_ENDPOINTS} endpoints that pause S before greeting). The figure is the healthy
 * check's wall time over its wall time with no slow check: a fair pool keeps it near 1.
 */
final class FairnessBench {

    static final Duration SLOW_GREET_PAUSE = Duration.ofSeconds(2);
    static final int QUIET_REPETITIONS = 5;
    static final int LOADED_REPETITIONS = 3;
    /** Time for the slow checks to reach their SMTP sessions before the healthy check starts. */
    static final Duration HEAD_START = Duration.ofMillis(500);

    private FairnessBench() {}

    static void run(Lab lab, CheckerClient client) throws Exception {
        List<ScriptedSmtpServer> servers = new ArrayList<>();
        try {
            servers.add(lab.pausingServer(Lab.HEALTHY, Duration.ZERO));
            for (int k = 0; k < Lab.MAX_SLOW_CHECKS; k++) {
                for (int i = 0; i < Lab.SLOW_CHECK_ENDPOINTS; i++) {
                    servers.add(lab.pausingServer(Lab.slowAddress(k, i), SLOW_GREET_PAUSE));
                }
            }
            List<Double> quiet = new ArrayList<>();
            for (int r = 0; r < QUIET_REPETITIONS; r++) {
                quiet.add(RoundTripBench.require(client.collect(Lab.domain("healthy"))).wallMs());
            }
            double alone = Stats.median(quiet);
            lab.figures.add("4 fairness", "K = 0: healthy check (ms)", Figures.count(alone),
                    "median of " + QUIET_REPETITIONS + " (ms " + Stats.samples(quiet) + ")");
            for (int k : List.of(10, Lab.MAX_SLOW_CHECKS)) {
                List<CompletableFuture<CheckerClient.Collected>> slow = new ArrayList<>();
                for (int s = 0; s < k; s++) {
                    slow.add(client.collectAsync(Lab.domain("slow-" + s)));
                }
                Thread.sleep(HEAD_START.toMillis());
                // Several healthy checks in a row, all while the slow ones still wait for their greetings
                // (they take S, the healthy ones a fraction of it): one sample would be one scheduler hiccup.
                List<Double> loaded = new ArrayList<>();
                for (int r = 0; r < LOADED_REPETITIONS; r++) {
                    loaded.add(RoundTripBench.require(client.collect(Lab.domain("healthy"))).wallMs());
                }
                double healthy = Stats.median(loaded);
                long slowCompleted = slow.stream().map(CompletableFuture::join)
                        .filter(CheckerClient.Collected::allCompleted).count();
                lab.figures.add("4 fairness", "K = " + k + ": healthy check / K = 0",
                        Figures.ratio(healthy / alone), "median of " + LOADED_REPETITIONS + " (ms " + Stats.samples(loaded)
                                + "); slow checks of "
                                + Lab.SLOW_CHECK_ENDPOINTS + " endpoints, S = " + SLOW_GREET_PAUSE.toMillis()
                                + " ms, " + slowCompleted + "/" + k + " completed; target ≤ 2");
            }
        } finally {
            servers.forEach(ScriptedSmtpServer::close);
        }
    }
}
