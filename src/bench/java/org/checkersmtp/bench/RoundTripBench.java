package org.checkersmtp.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Benchmark 1: how many round trips one full probe of one address costs. The proxy delays each
 * direction by D, so a probe that waits for k replies in turn takes about k·2D; the figure is the
 * session's duration (connect to close, as the prober records it) divided by 2D.
 */
final class RoundTripBench {

    static final int REPETITIONS = 5;

    private RoundTripBench() {}

    static void run(Lab lab, CheckerClient client, FarPostfix postfix) throws Exception {
        List<Double> with = new ArrayList<>();
        List<Double> without = new ArrayList<>();
        List<Double> withWall = new ArrayList<>();
        List<Double> withoutWall = new ArrayList<>();
        // Alternated, so that a noisy moment hits both variants alike.
        for (int i = 0; i < REPETITIONS; i++) {
            CheckerClient.Collected p = require(client.collect(Lab.domain("rt-pipelining")));
            with.add(p.longestSessionMs());
            withWall.add(p.wallMs());
            CheckerClient.Collected n = require(client.collect(Lab.domain("rt-no-pipelining")));
            without.add(n.longestSessionMs());
            withoutWall.add(n.wallMs());
        }
        double rt = FarPostfix.roundTrip();
        lab.figures.add("1 round trips", "probe / 2D, Postfix with PIPELINING",
                Figures.ratio(Stats.median(with) / rt), "median of " + REPETITIONS + " sessions (ms "
                        + Stats.samples(with) + "), D = " + FarPostfix.ONE_WAY.toMillis() + " ms; target ≤ 6");
        lab.figures.add("1 round trips", "probe / 2D, Postfix without PIPELINING",
                Figures.ratio(Stats.median(without) / rt), "median (ms " + Stats.samples(without) + ")");
        lab.figures.add("1 round trips", "whole /collect / 2D, with PIPELINING",
                Figures.ratio(Stats.median(withWall) / rt), "client-side, DNS and HTTP included");
        lab.figures.add("1 round trips", "whole /collect / 2D, without PIPELINING",
                Figures.ratio(Stats.median(withoutWall) / rt), "client-side, DNS and HTTP included");
    }

    static CheckerClient.Collected require(CheckerClient.Collected c) {
        if (!c.allCompleted()) {
            throw new IllegalStateException(c.domain() + ": the probe did not complete (" + c.failure() + ")");
        }
        return c;
    }
}
