package org.checkersmtp.api;

import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Component;

/** In-flight and total work requests, and their load average, as /health reports them. */
@Component
public class WorkTracker {

    private final AtomicLong inflight = new AtomicLong();
    private final AtomicLong total = new AtomicLong();
    private final AtomicReference<double[]> load = new AtomicReference<>(new double[3]);
    private final Clock clock;
    private final Instant started;
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "load-average-sampler");
        t.setDaemon(true);
        return t;
    });

    public WorkTracker(Clock clock) {
        this.clock = clock;
        this.started = clock.instant();
        sampler.scheduleAtFixedRate(this::sample, LoadAverage.SAMPLE_INTERVAL_SECONDS,
                LoadAverage.SAMPLE_INTERVAL_SECONDS, TimeUnit.SECONDS);
    }

    public void begin() {
        inflight.incrementAndGet();
        total.incrementAndGet();
    }

    public void end() {
        inflight.decrementAndGet();
    }

    public long inflight() {
        return inflight.get();
    }

    public long total() {
        return total.get();
    }

    public double[] loadAverage() {
        return load.get().clone();
    }

    public Duration uptime() {
        return Duration.between(started, clock.instant());
    }

    void sample() {
        load.updateAndGet(prev -> LoadAverage.next(prev, inflight.get()));
    }

    @PreDestroy
    void stop() {
        sampler.shutdownNow();
    }
}
