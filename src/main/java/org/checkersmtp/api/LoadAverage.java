package org.checkersmtp.api;

/**
 * The SDK's load average: three EWMAs of the in-flight work count, sampled every 5 s, with
 * {@code alpha = 1 - exp(-5s / window)} for 1, 5 and 15 minutes, so a constant N converges to N.
 */
final class LoadAverage {

    static final long SAMPLE_INTERVAL_SECONDS = 5;
    private static final double[] ALPHA = {
        1 - Math.exp(-5.0 / 60), 1 - Math.exp(-5.0 / 300), 1 - Math.exp(-5.0 / 900)
    };

    private LoadAverage() {}

    static double[] next(double[] previous, double sample) {
        double[] next = new double[3];
        for (int i = 0; i < 3; i++) {
            next[i] = previous[i] + ALPHA[i] * (sample - previous[i]);
        }
        return next;
    }
}
