package org.checkersmtp.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.checkersmtp.testsupport.ScriptedSmtpServer;

/**
 * Benchmark 2: a domain of N endpoints whose servers each pause P before greeting. Probed one after
 * another that takes N·P; all at once, P. The figure is the collect's wall time over P.
 */
final class ParallelismBench {

    static final Duration GREET_PAUSE = Duration.ofSeconds(1);
    static final int REPETITIONS = 3;

    private ParallelismBench() {}

    static void run(Lab lab, CheckerClient client) throws Exception {
        List<ScriptedSmtpServer> servers = new ArrayList<>();
        try {
            for (int i = 0; i < Lab.MAX_PARALLEL_ENDPOINTS; i++) {
                servers.add(lab.pausingServer(Lab.parallelAddress(i), GREET_PAUSE));
            }
            for (int n : List.of(1, 5, 10, Lab.MAX_PARALLEL_ENDPOINTS)) {
                List<Double> walls = new ArrayList<>();
                for (int r = 0; r < REPETITIONS; r++) {
                    CheckerClient.Collected c = RoundTripBench.require(client.collect(Lab.domain("parallel-" + n)));
                    if (c.endpoints().size() != n) {
                        throw new IllegalStateException("parallel-" + n + ": " + c.endpoints().size() + " endpoints");
                    }
                    walls.add(c.wallMs());
                }
                lab.figures.add("2 parallelism", "N = " + n + ": collect / P",
                        Figures.ratio(Stats.median(walls) / GREET_PAUSE.toMillis()),
                        "median of " + REPETITIONS + " (ms " + Stats.samples(walls) + "), P = "
                                + GREET_PAUSE.toMillis() + " ms; target ≤ 1.2");
            }
        } finally {
            servers.forEach(ScriptedSmtpServer::close);
        }
    }
}
