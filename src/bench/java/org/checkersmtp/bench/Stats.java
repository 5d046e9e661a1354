package org.checkersmtp.bench;

import java.util.Arrays;
import java.util.List;

/** Medians: the figure that one slow sample (another process on the shared cores) cannot move. */
final class Stats {

    private Stats() {}

    static double median(List<Double> samples) {
        double[] sorted = samples.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    static String samples(List<Double> samples) {
        return Arrays.toString(samples.stream().mapToLong(Math::round).toArray());
    }
}
