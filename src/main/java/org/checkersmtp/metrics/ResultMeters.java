package org.checkersmtp.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.checkersmtp.results.ResultsObserver;
import org.springframework.stereotype.Component;

/** Stored results: how many were stored, too big to store, served (page or JSON) and removed past the retention. */
@Component
public class ResultMeters implements ResultsObserver {

    static final String STORED = "checker.results.stored";
    static final String TOO_LARGE = "checker.results.too_large";
    static final String SERVED = "checker.results.served";
    static final String EXPIRED = "checker.results.expired";

    private final Counter stored;
    private final Counter tooLarge;
    private final Counter served;
    private final Counter expired;

    public ResultMeters(MeterRegistry registry) {
        stored = Counter.builder(STORED).description("Check results stored under a permalink").register(registry);
        tooLarge = Counter.builder(TOO_LARGE).description("Check results not stored: over checker.results.max-size")
                .register(registry);
        served = Counter.builder(SERVED).description("Stored results read (page or JSON)").register(registry);
        expired = Counter.builder(EXPIRED).description("Stored results removed past checker.results.retention")
                .register(registry);
    }

    @Override
    public void stored() {
        stored.increment();
    }

    @Override
    public void tooLarge() {
        tooLarge.increment();
    }

    @Override
    public void served() {
        served.increment();
    }

    @Override
    public void expired() {
        expired.increment();
    }
}
