package org.checkersmtp.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Benchmark 8: the command line and the service's start-up, today's way against the baseline jar's, side by
 * side in one run. The command line: {@code check --no-tls-posture} of the far Postfix's domain (a probe of
 * about 0.6 s), the baseline as {@code java -jar} with the JVM's defaults, ours through the launcher
 * (src/main/dist/checker-smtp), alternated; wall and CPU time (user + system of the whole process tree) from
 * {@code /usr/bin/time}, the probe's own duration from the perfdata. The start-up: from process start to
 * the first 200 of /health, the baseline's fat jar with {@code java -jar} against the launcher's service.
 */
final class CliBench {

    static final int REPETITIONS = 5;
    static final int STARTS = 3;
    private static final Pattern PERF_TIME = Pattern.compile("time=([0-9.]+)s");

    private CliBench() {}

    record Run(double wallS, double cpuS, double probeS, String statusLine) {
    }

    static void run(Lab lab, Path baselineJar, Path launcher) throws Exception {
        Files.createDirectories(lab.out.resolve("logs"));
        Path cache = lab.out.resolve("launcher-cache").toAbsolutePath();
        Map<String, String> env = Map.of("CHECKER_SMTP_JAR", lab.jar.toAbsolutePath().toString(),
                "CHECKER_SMTP_CACHE", cache.toString(), "JAVA",
                Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> check = List.of("check", "--no-tls-posture", "--dns", lab.dns.address(),
                "--checker.smtp.port=" + lab.smtpPort, "--checker.targets.allow-private=true",
                Lab.domain("rt-pipelining"));
        List<String> before = new ArrayList<>(List.of(java(), "-jar", baselineJar.toAbsolutePath().toString()));
        before.addAll(check);
        List<String> after = new ArrayList<>(List.of("sh", launcher.toAbsolutePath().toString()));
        after.addAll(check);

        try (FarPostfix postfix = new FarPostfix(lab)) {
            // Untimed: the launcher's first run extracts the jar and writes its archive; both warm the page cache.
            time(lab, before, Map.of());
            time(lab, after, env);
            List<Run> old = new ArrayList<>();
            List<Run> now = new ArrayList<>();
            for (int i = 0; i < REPETITIONS; i++) {
                old.add(time(lab, before, Map.of()));
                now.add(time(lab, after, env));
            }
            if (!old.get(0).statusLine().replaceAll("time=[0-9.]+s", "")
                    .equals(now.get(0).statusLine().replaceAll("time=[0-9.]+s", ""))) {
                throw new IllegalStateException("the two jars disagree:\n" + old.get(0).statusLine() + "\n"
                        + now.get(0).statusLine());
            }
            figures(lab, old, now);
        }
        startup(lab, baselineJar, launcher, env);
    }

    private static void figures(Lab lab, List<Run> old, List<Run> now) {
        double oldWall = Stats.median(old.stream().map(Run::wallS).toList());
        double nowWall = Stats.median(now.stream().map(Run::wallS).toList());
        double oldCpu = Stats.median(old.stream().map(Run::cpuS).toList());
        double nowCpu = Stats.median(now.stream().map(Run::cpuS).toList());
        double nowProbe = Stats.median(now.stream().map(Run::probeS).toList());
        double oldProbe = Stats.median(old.stream().map(Run::probeS).toList());
        String how = "medians of " + REPETITIONS + " alternated runs";
        lab.figures.add("8 command line", "baseline: wall s, CPU s, probe s", seconds(oldWall) + ", "
                + seconds(oldCpu) + ", " + seconds(oldProbe), "java -jar, JVM defaults; " + how + ", wall "
                + list(old, Run::wallS) + ", CPU " + list(old, Run::cpuS));
        lab.figures.add("8 command line", "launcher: wall s, CPU s, probe s", seconds(nowWall) + ", "
                + seconds(nowCpu) + ", " + seconds(nowProbe), "src/main/dist/checker-smtp; " + how + ", wall "
                + list(now, Run::wallS) + ", CPU " + list(now, Run::cpuS));
        lab.figures.add("8 command line", "launcher: wall - probe (s)", seconds(nowWall - nowProbe),
                "target ≤ 1.5 (baseline: " + seconds(oldWall - oldProbe) + ")");
        lab.figures.add("8 command line", "CPU launcher / baseline", Figures.ratio(nowCpu / oldCpu),
                "target ≤ 0.33");
        lab.figures.add("8 command line", "wall launcher / baseline", Figures.ratio(nowWall / oldWall), how);
    }

    private static void startup(Lab lab, Path baselineJar, Path launcher, Map<String, String> env) throws Exception {
        List<String> before = List.of(java(), "-jar", baselineJar.toAbsolutePath().toString());
        List<String> after = List.of("sh", launcher.toAbsolutePath().toString());
        Map<String, String> props = lab.checkerProperties();
        // Untimed: the launcher's first start of the service makes its archive (a training start) first.
        start(before, Map.of(), props, lab.out.resolve("logs/startup-baseline.log")).close();
        start(after, env, props, lab.out.resolve("logs/startup-launcher.log")).close();
        List<Double> oldMs = new ArrayList<>();
        List<Double> nowMs = new ArrayList<>();
        List<Double> oldCpu = new ArrayList<>();
        List<Double> nowCpu = new ArrayList<>();
        for (int i = 0; i < STARTS; i++) {
            try (CheckerProcess p = start(before, Map.of(), props, lab.out.resolve("logs/startup-baseline.log"))) {
                oldMs.add((double) p.startup().toMillis());
                oldCpu.add(p.cpu().toMillis() / 1e3);
            }
            try (CheckerProcess p = start(after, env, props, lab.out.resolve("logs/startup-launcher.log"))) {
                nowMs.add((double) p.startup().toMillis());
                nowCpu.add(p.cpu().toMillis() / 1e3);
            }
        }
        double ratio = Stats.median(nowMs) / Stats.median(oldMs);
        lab.figures.add("8 start-up", "first /health: baseline fat jar (ms)", Figures.count(Stats.median(oldMs)),
                "java -jar, JVM defaults; median of " + STARTS + " alternated starts " + Stats.samples(oldMs)
                        + ", CPU s " + oldCpu);
        lab.figures.add("8 start-up", "first /health: launcher (ms)", Figures.count(Stats.median(nowMs)),
                "extracted layout and archive; " + Stats.samples(nowMs) + ", CPU s " + nowCpu);
        lab.figures.add("8 start-up", "launcher / baseline", Figures.ratio(ratio), "target ≤ 0.5");
    }

    private static CheckerProcess start(List<String> launch, Map<String, String> env, Map<String, String> props,
                                        Path log) throws IOException, InterruptedException {
        return CheckerProcess.start(launch, env, List.of(), props, log);
    }

    private static Run time(Lab lab, List<String> command, Map<String, String> env) throws Exception {
        Path times = Files.createTempFile(lab.out.toAbsolutePath(), "time", ".txt");
        List<String> timed = new ArrayList<>(List.of("/usr/bin/time", "-f", "%e %U %S", "-o", times.toString()));
        timed.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(timed).directory(lab.out.toFile());
        builder.environment().putAll(env);
        builder.environment().remove("JAVA_OPTS");
        builder.redirectError(ProcessBuilder.Redirect.appendTo(lab.out.resolve("logs/cli.log").toFile()));
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("check did not finish in 120 s: " + command);
        }
        String first = out.lines().findFirst().orElse("");
        Matcher perf = PERF_TIME.matcher(first);
        if (p.exitValue() > 2 || !first.startsWith("SMTP ") || !perf.find()) {
            throw new IllegalStateException("check failed (exit " + p.exitValue() + "): " + command + "\n" + out);
        }
        // The last line: time writes "Command exited with non-zero status N" above it for a WARNING.
        String[] t = Files.readAllLines(times).get(Files.readAllLines(times).size() - 1).trim().split("\\s+");
        Files.delete(times);
        return new Run(Double.parseDouble(t[0]), Double.parseDouble(t[1]) + Double.parseDouble(t[2]),
                Double.parseDouble(perf.group(1)), first);
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String seconds(double s) {
        return String.format(java.util.Locale.ROOT, "%.2f", s);
    }

    private static String list(List<Run> runs, java.util.function.Function<Run, Double> f) {
        return runs.stream().map(f).map(CliBench::seconds).toList().toString();
    }
}
