package org.checkersmtp.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.checkersmtp.check.CheckObserver;
import org.checkersmtp.check.EntryPoint;
import org.checkersmtp.collect.smtp.EndpointTarget;
import org.checkersmtp.observation.ConnectFailure;
import org.checkersmtp.observation.EndpointProbe;
import org.checkersmtp.observation.MxLookup;
import org.checkersmtp.observation.Phase;
import org.checkersmtp.rules.Status;
import org.springframework.stereotype.Component;

/**
 * Checks started, finished (by outcome), in flight and their duration, by entry point; and, from the
 * collect's progress events, the time spent in each probe phase, how each endpoint went (reachable,
 * refused by policy, timed out…) and how each SMTP session ended.
 */
@Component
public class CheckMeters implements CheckObserver {

    static final String STARTED = "checker.checks.started";
    static final String FINISHED = "checker.checks.finished";
    static final String IN_FLIGHT = "checker.checks.in_flight";
    static final String DURATION = "checker.check.duration";
    static final String PHASE_DURATION = "checker.phase.duration";
    static final String ENDPOINTS = "checker.endpoints";
    static final String SESSIONS = "checker.smtp.sessions";

    /** A whole check: from a fraction of a second (cached DNS, one fast MX) to the 90 s collect deadline. */
    private static final Duration[] CHECK_BUCKETS = seconds(0.5, 1, 2, 5, 10, 20, 30, 60, 90, 120);
    /** One phase: a round trip on a LAN to a greet pause or a tarpit. */
    private static final Duration[] PHASE_BUCKETS = seconds(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5,
            10, 30);

    private final MeterRegistry registry;
    private final Map<EntryPoint, Counter> started = new EnumMap<>(EntryPoint.class);
    private final Map<EntryPoint, AtomicInteger> inFlight = new EnumMap<>(EntryPoint.class);
    private final Map<EntryPoint, Timer> durations = new EnumMap<>(EntryPoint.class);
    private final Map<Phase, Timer> phases = new ConcurrentHashMap<>();

    public CheckMeters(MeterRegistry registry) {
        this.registry = registry;
        // Registered up front, so that every entry point's series exist at 0 (rate() and alerts need them).
        for (EntryPoint entryPoint : EntryPoint.values()) {
            started.put(entryPoint, Counter.builder(STARTED).tag("entry_point", entryPoint.label())
                    .description("Checks started, by entry point").register(registry));
            AtomicInteger running = new AtomicInteger();
            inFlight.put(entryPoint, running);
            Gauge.builder(IN_FLIGHT, running, AtomicInteger::get).tag("entry_point", entryPoint.label())
                    .description("Checks running now, by entry point").register(registry);
            durations.put(entryPoint, Timer.builder(DURATION).tag("entry_point", entryPoint.label())
                    .description("Duration of whole checks (collect, TLS sibling, rules), by entry point")
                    .serviceLevelObjectives(CHECK_BUCKETS).register(registry));
        }
    }

    @Override
    public Run started(EntryPoint entryPoint) {
        started.get(entryPoint).increment();
        inFlight.get(entryPoint).incrementAndGet();
        return new CheckRun(entryPoint);
    }

    /** The outcome label of a check that ended with an observation. */
    static String outcome(Status verdict) {
        return verdict == null ? "collected" : verdict.name().toLowerCase(Locale.ROOT);
    }

    /** How an endpoint went, in a handful of words an operator alerts on. */
    static String endpointOutcome(EndpointProbe probe) {
        if (probe.connected()) {
            return "reachable";
        }
        ConnectFailure failure = probe.connect() == null ? ConnectFailure.ERROR : probe.connect().failure();
        return switch (failure == null ? ConnectFailure.ERROR : failure) {
            case POLICY -> "refused_by_policy";
            case NOT_ATTEMPTED -> "not_attempted";
            case REFUSED -> "connection_refused";
            case TIMEOUT -> "timed_out";
            case NO_ROUTE -> "unreachable";
            case CHECKER_NO_ROUTE -> "checker_no_route";
            case ERROR -> "connect_error";
        };
    }

    private Timer phase(Phase phase) {
        return phases.computeIfAbsent(phase, p -> Timer.builder(PHASE_DURATION).tag("phase", p.wire())
                .description("Time endpoints spent in each probe phase (queue: waiting for a session slot)")
                .serviceLevelObjectives(PHASE_BUCKETS).register(registry));
    }

    private final class CheckRun implements Run {
        private final EntryPoint entryPoint;
        private final long startNanos = System.nanoTime();
        /** The phase each endpoint is in: the last one's time comes with endpointFinished. */
        private final Map<EndpointTarget, Phase> current = new ConcurrentHashMap<>();

        CheckRun(EntryPoint entryPoint) {
            this.entryPoint = entryPoint;
        }

        @Override
        public void mxLookupFinished(MxLookup mx, List<EndpointTarget> endpoints) {
            phase(Phase.DNS_MX).record(Duration.ofNanos(System.nanoTime() - startNanos));
        }

        @Override
        public void phaseEntered(EndpointTarget endpoint, Phase phase, Phase previous, Duration previousTook) {
            if (previous != null) {
                phase(previous).record(previousTook);
            }
            current.put(endpoint, phase);
        }

        @Override
        public void endpointFinished(EndpointTarget endpoint, EndpointProbe probe, Duration lastPhaseTook) {
            Phase last = current.remove(endpoint);
            if (last != null) {
                phase(last).record(lastPhaseTook);
            }
            registry.counter(ENDPOINTS, "outcome", endpointOutcome(probe)).increment();
            if (probe.connected() && probe.end() != null) {
                registry.counter(SESSIONS, "end", probe.end().reason().name().toLowerCase(Locale.ROOT)).increment();
            }
        }

        @Override
        public void finished(Status verdict) {
            end(outcome(verdict));
        }

        @Override
        public void failed(Throwable failure) {
            end("failed");
        }

        private void end(String outcome) {
            inFlight.get(entryPoint).decrementAndGet();
            durations.get(entryPoint).record(Duration.ofNanos(System.nanoTime() - startNanos));
            registry.counter(FINISHED, "entry_point", entryPoint.label(), "outcome", outcome).increment();
        }
    }

    private static Duration[] seconds(double... values) {
        Duration[] durations = new Duration[values.length];
        for (int i = 0; i < values.length; i++) {
            durations[i] = Duration.ofNanos(Math.round(values[i] * 1e9));
        }
        return durations;
    }
}
