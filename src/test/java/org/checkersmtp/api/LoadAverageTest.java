package org.checkersmtp.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LoadAverageTest {

    @Test
    void twentyTicksAtFiveMatchTheSdk() {
        double[] load = new double[3];
        for (int i = 0; i < 20; i++) {
            load = LoadAverage.next(load, 5);
        }
        assertThat(load[0]).isCloseTo(4.0556, within(1e-4));
        assertThat(load[1]).isCloseTo(1.4173, within(1e-4));
        assertThat(load[2]).isCloseTo(0.5258, within(1e-4));
    }

    @Test
    void aConstantLoadConverges() {
        double[] load = new double[3];
        for (int i = 0; i < 5000; i++) {
            load = LoadAverage.next(load, 3);
        }
        assertThat(load).containsExactly(new double[] {3, 3, 3}, within(1e-6));
    }
}
