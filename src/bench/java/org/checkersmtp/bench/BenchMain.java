package org.checkersmtp.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the benchmarks of docs/benchmarks.md against the production jar and prints their figures
 * (ratios and counts measured in this one run). Started by bench/run; arguments: the jar, the output
 * directory, then the benchmark numbers to run (all when none). Benchmarks 8 and 10 compare with the jar
 * named by BENCH_BASELINE_JAR.
 */
public final class BenchMain {

    private BenchMain() {}

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]);
        Path out = Path.of(args[1]);
        Set<Integer> only = new TreeSet<>();
        Arrays.stream(args).skip(2).map(Integer::parseInt).forEach(only::add);
        if (only.isEmpty()) {
            only.addAll(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10));
        }
        List<String> jvmFlags = System.getenv().getOrDefault("BENCH_JVM_FLAGS", "").isBlank() ? List.of()
                : List.of(System.getenv("BENCH_JVM_FLAGS").trim().split("\\s+"));
        Figures figures = new Figures();
        figures.context("machine: " + Runtime.getRuntime().availableProcessors() + " CPUs, "
                + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ", Java "
                + System.getProperty("java.version") + "; " + cpuModel());
        figures.context("prober: " + System.getenv().getOrDefault("BENCH_REVISION", "unknown revision"));
        figures.context("JVM flags of the checker: " + (jvmFlags.isEmpty() ? "none (JVM defaults)" : jvmFlags));

        try (Lab lab = new Lab(jar, out, figures)) {
            if (only.stream().anyMatch(i -> i <= 5 || i == 9 || i == 10)) {
                try (CheckerProcess checker = CheckerProcess.start(jar, jvmFlags, lab.checkerProperties(),
                        out.resolve("logs/checker.log"))) {
                    figures.add("7 start-up", "time to the first successful /health (ms)",
                            Figures.count(checker.startup().toMillis()), "from process start, cold");
                    Thread.sleep(Duration.ofSeconds(5).toMillis());
                    figures.add("7 start-up", "idle RSS (MiB)", Figures.count(checker.rssKb() / 1024.0),
                            "5 s after start-up, " + checker.threads() + " threads");
                    CheckerClient client = new CheckerClient(checker, out.resolve("observations"));
                    if (only.contains(1) || only.contains(3)) {
                        try (FarPostfix postfix = new FarPostfix(lab)) {
                            if (only.contains(1)) {
                                RoundTripBench.run(lab, client, postfix);
                            }
                            if (only.contains(3)) {
                                SwaksBench.run(lab, client);
                            }
                        }
                    }
                    if (only.contains(2)) {
                        ParallelismBench.run(lab, client);
                    }
                    if (only.contains(4)) {
                        FairnessBench.run(lab, client);
                    }
                    if (only.contains(5)) {
                        ReportThroughputBench.run(lab, checker, client);
                    }
                    if (only.contains(10)) {
                        ReportSideBySide.run(lab, checker, client, baselineJar(10), jvmFlags,
                                System.getenv().getOrDefault("BENCH_BASELINE_REVISION", "baseline"));
                    }
                    if (only.contains(9)) {
                        ProbeScrapeBench.run(lab, checker);
                    }
                }
            }
            if (only.contains(5)) {
                ReportSpeedup.run(figures);
                jmh(figures);
            }
            if (only.contains(6)) {
                LoadBench.run(lab, jvmFlags);
            }
            if (only.contains(8)) {
                figures.context("baseline of benchmark 8: " + System.getenv().getOrDefault("BENCH_BASELINE_REVISION",
                        System.getenv("BENCH_BASELINE_JAR")));
                CliBench.run(lab, baselineJar(8), Path.of("src/main/dist/checker-smtp"));
            }
        }
        figures.write(out.resolve("figures.md"));
    }

    /** The jar the benchmarks that compare two jars (8, 10) measure against: BENCH_BASELINE_JAR (bench/run sets it). */
    private static Path baselineJar(int benchmark) {
        String baseline = System.getenv("BENCH_BASELINE_JAR");
        if (baseline == null || baseline.isBlank()) {
            throw new IllegalStateException("benchmark " + benchmark + " needs BENCH_BASELINE_JAR (bench/run sets it)");
        }
        return Path.of(baseline);
    }

    private static void jmh(Figures figures) throws Exception {
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .include(ReportBenchmark.class.getName())
                .forks(1)
                // Three 1 s warm-ups left every figure still climbing through its measurements (C2 at work).
                .warmupIterations(8).warmupTime(TimeValue.seconds(1))
                .measurementIterations(5).measurementTime(TimeValue.seconds(2))
                .build()).run();
        List<RunResult> sorted = new ArrayList<>(results);
        sorted.sort((a, b) -> (a.getParams().getParam("fixture") + a.getParams().getBenchmark())
                .compareTo(b.getParams().getParam("fixture") + b.getParams().getBenchmark()));
        for (RunResult r : sorted) {
            String benchmark = r.getParams().getBenchmark();
            String name = benchmark.substring(benchmark.lastIndexOf('.') + 1);
            String fixture = r.getParams().getParam("fixture");
            figures.add("5 in-process (JMH)", name + ", " + fixture + " (ops/s)",
                    Figures.count(r.getPrimaryResult().getScore()),
                    String.format(Locale.ROOT, "± %.0f, one thread", r.getPrimaryResult().getScoreError()));
        }
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown CPU");
        } catch (java.io.IOException e) {
            return "unknown CPU";
        }
    }
}
