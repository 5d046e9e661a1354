package org.checkersmtp.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import org.checkersmtp.collect.dns.DnsQueryListener;
import org.springframework.stereotype.Component;

/** The collector's DNS queries, by record type and outcome: a failing or slow resolver shows here first. */
@Component
public class DnsQueryMeters implements DnsQueryListener {

    static final String QUERIES = "checker.dns.queries";

    private final MeterRegistry registry;

    public DnsQueryMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void answered(String type, Outcome outcome) {
        registry.counter(QUERIES, "type", type, "outcome", outcome.name().toLowerCase(Locale.ROOT)).increment();
    }
}
