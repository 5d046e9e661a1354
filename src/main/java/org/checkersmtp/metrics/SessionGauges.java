package org.checkersmtp.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.checkersmtp.collect.SmtpCollector;
import org.springframework.stereotype.Component;

/**
 * SMTP sessions open now and the cap they share ({@code checker.probe.max-parallel}): sessions pinned at
 * the cap mean checks queue for slots (the phase "queue" grows) — add replicas or raise the cap.
 */
@Component
public class SessionGauges implements MeterBinder {

    static final String IN_FLIGHT = "checker.smtp.sessions.in_flight";
    static final String SLOTS = "checker.smtp.session.slots";

    private final SmtpCollector collector;

    public SessionGauges(SmtpCollector collector) {
        this.collector = collector;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder(IN_FLIGHT, collector, SmtpCollector::openSessions)
                .description("SMTP sessions and TLS sibling connections open now, across all checks")
                .register(registry);
        Gauge.builder(SLOTS, collector, SmtpCollector::sessionSlots)
                .description("The most SMTP sessions open at once (checker.probe.max-parallel)")
                .register(registry);
    }
}
