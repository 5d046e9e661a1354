package org.checkersmtp.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.checkersmtp.testsupport.ScriptedSmtpServer;

/**
 * Benchmark 6: {@value Lab#LOAD_CHECKS} checks at once, each of {@value Lab#LOAD_CHECK_ENDPOINTS}
 * endpoints whose servers pause P before greeting, on a freshly started checker: do all complete, and
 * what do they cost the process at its peak (resident memory, threads)?
 */
final class LoadBench {

    static final Duration GREET_PAUSE = Duration.ofSeconds(1);

    private LoadBench() {}

    static void run(Lab lab, List<String> jvmFlags) throws Exception {
        List<ScriptedSmtpServer> servers = new ArrayList<>();
        try (CheckerProcess checker = CheckerProcess.start(lab.jar, jvmFlags, lab.checkerProperties(),
                lab.out.resolve("logs/checker-load.log"))) {
            for (int c = 0; c < Lab.LOAD_CHECKS; c++) {
                for (int i = 0; i < Lab.LOAD_CHECK_ENDPOINTS; i++) {
                    servers.add(lab.pausingServer(Lab.loadAddress(c, i), GREET_PAUSE));
                }
            }
            CheckerClient client = new CheckerClient(checker, lab.out.resolve("observations"));
            int threadsBefore = checker.threads();
            long start = System.nanoTime();
            List<CompletableFuture<CheckerClient.Collected>> checks = new ArrayList<>();
            for (int c = 0; c < Lab.LOAD_CHECKS; c++) {
                checks.add(client.collectAsync(Lab.domain("load-" + c)));
            }
            CompletableFuture<Void> all = CompletableFuture.allOf(checks.toArray(CompletableFuture[]::new));
            int peakThreads = threadsBefore;
            long giveUp = start + Duration.ofSeconds(180).toNanos();
            while (!all.isDone() && System.nanoTime() < giveUp) {
                peakThreads = Math.max(peakThreads, checker.threads());
                Thread.sleep(20);
            }
            double wall = (System.nanoTime() - start) / 1e6;
            List<CheckerClient.Collected> done = checks.stream().filter(CompletableFuture::isDone)
                    .map(CompletableFuture::join).toList();
            long completed = done.stream().filter(CheckerClient.Collected::allCompleted).count();
            // Why the others did not complete, so that a failure of the bench's own DNS server reads as such.
            String failures = done.stream().filter(c -> !c.allCompleted()).map(CheckerClient.Collected::failure)
                    .distinct().limit(3).reduce((a, b) -> a + "; " + b).map(f -> "; not completed: " + f).orElse("");
            String flags = jvmFlags.isEmpty() ? "none (JVM defaults)" : String.join(" ", jvmFlags);
            lab.figures.add("6 load", Lab.LOAD_CHECKS + " concurrent checks: completed",
                    completed + "/" + Lab.LOAD_CHECKS, Lab.LOAD_CHECK_ENDPOINTS + " endpoints each, P = "
                            + GREET_PAUSE.toMillis() + " ms, all in " + Math.round(wall) + " ms" + failures);
            lab.figures.add("6 load", "peak RSS (MiB)", Figures.count(checker.peakRssKb() / 1024.0),
                    "VmHWM, start-up included; JVM flags: " + flags);
            lab.figures.add("6 load", "peak threads", Integer.toString(peakThreads),
                    threadsBefore + " before the load; sampled every 20 ms");
            Path log = checker.log();
            System.out.println("load checker log: " + log);
        } finally {
            servers.forEach(ScriptedSmtpServer::close);
        }
    }
}
