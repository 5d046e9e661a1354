package org.checkersmtp.testsupport;

import java.time.Duration;
import java.util.List;
import org.checkersmtp.collect.CollectorProperties;
import org.springframework.util.unit.DataSize;

/** Collector settings for tests that build a collector by hand. */
public final class TestCollectors {

    private TestCollectors() {}

    /** The shipped defaults, except the resolver, the SMTP port and the target policy. */
    public static CollectorProperties properties(String dnsServer, int smtpPort, Duration collectTimeout) {
        return properties(dnsServer, smtpPort, collectTimeout, 256, true);
    }

    /** As above, with the number of session slots and the target policy chosen. */
    public static CollectorProperties properties(String dnsServer, int smtpPort, Duration collectTimeout,
                                                 int maxParallel, boolean allowPrivate) {
        return new CollectorProperties(
                new CollectorProperties.Dns(dnsServer == null ? List.of() : List.of(dnsServer), Duration.ofSeconds(1)),
                new CollectorProperties.Smtp(smtpPort, 2048, 100, DataSize.ofKilobytes(32)),
                new CollectorProperties.Probe(maxParallel, 32, collectTimeout),
                new CollectorProperties.Targets(allowPrivate, List.of()));
    }

    /** A collector built on {@link #properties(String, int, Duration, int, boolean)}. */
    public static org.checkersmtp.collect.SmtpCollector collector(int smtpPort, int maxParallel, boolean allowPrivate) {
        return new org.checkersmtp.collect.SmtpCollector(
                properties(null, smtpPort, Duration.ofSeconds(30), maxParallel, allowPrivate), java.time.Clock.systemUTC());
    }
}
