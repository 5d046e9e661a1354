package org.checkersmtp.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoDurationsTest {

    @ParameterizedTest
    @CsvSource({"0, 0s", "999, 999ns", "1500, 1.5µs", "1234567, 1.234567ms", "2500000000, 2.5s",
        "90000000000, 1m30s", "3723000000000, 1h2m3s", "1000000, 1ms"})
    void formatsAsGoDoes(long nanos, String expected) {
        assertThat(GoDurations.format(Duration.ofNanos(nanos))).isEqualTo(expected);
    }
}
