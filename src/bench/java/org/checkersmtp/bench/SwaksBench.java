package org.checkersmtp.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Benchmark 3: our full probe of one address (three transactions) against one swaks transaction that
 * stops after RCPT, over STARTTLS, to the same far Postfix, alternated. Both are wall times seen by
 * the caller: HTTP and DNS on our side, the Perl start-up on swaks's.
 */
final class SwaksBench {

    static final int REPETITIONS = 5;

    private SwaksBench() {}

    static void run(Lab lab, CheckerClient client) throws Exception {
        List<Double> ours = new ArrayList<>();
        List<Double> swaks = new ArrayList<>();
        for (int i = 0; i < REPETITIONS; i++) {
            ours.add(RoundTripBench.require(client.collect(Lab.domain("rt-pipelining"))).wallMs());
            swaks.add(swaks(lab));
        }
        double ratio = Stats.median(ours) / Stats.median(swaks);
        lab.figures.add("3 against swaks", "our probe / swaks --quit-after RCPT --tls", Figures.ratio(ratio),
                "medians of " + REPETITIONS + " alternated runs, ours ms " + Stats.samples(ours) + ", swaks ms "
                        + Stats.samples(swaks) + ", D = " + FarPostfix.ONE_WAY.toMillis() + " ms");
        lab.figures.add("3 against swaks", "swaks / 2D", Figures.ratio(Stats.median(swaks) / FarPostfix.roundTrip()),
                "Perl start-up included");
    }

    private static double swaks(Lab lab) throws Exception {
        List<String> command = List.of("swaks", "--server", Lab.FAR_PIPELINING, "--port", Integer.toString(lab.smtpPort),
                "--quit-after", "RCPT", "--tls", "--to", "postmaster@" + Lab.domain("rt-pipelining"),
                "--from", "<>", "--timeout", "20");
        long start = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = p.getInputStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("swaks did not finish in 30 s");
        }
        double wall = (System.nanoTime() - start) / 1e6;
        String text = new String(output, java.nio.charset.StandardCharsets.UTF_8);
        if (p.exitValue() != 0 || !text.contains("<~  250")) {
            throw new IllegalStateException("swaks failed (exit " + p.exitValue() + "):\n" + text);
        }
        return wall;
    }
}
