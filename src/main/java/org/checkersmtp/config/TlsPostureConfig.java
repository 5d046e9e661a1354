package org.checkersmtp.config;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.checkersmtp.collect.CollectorProperties;
import org.checkersmtp.collect.SmtpCollector;
import org.checkersmtp.dns.DnsSettings;
import org.checkersmtp.tlsposture.EndpointAccess;
import org.checkersmtp.tlsposture.TlsPostureProperties;
import org.checkersmtp.tlsposture.TlsPostureService;
import org.checkersmtp.tlsposture.TlsPostureSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the TLS sibling to the collector: the same resolvers and SMTP port, and through
 * {@link EndpointAccess} the collector's target policy and its fair session slots, so that the
 * sibling's connections count against the same cap and never run beside an SMTP session to the same
 * address.
 */
@Configuration(proxyBeanMethods = false)
public class TlsPostureConfig {

    @Bean
    EndpointAccess tlsEndpointAccess(SmtpCollector collector) {
        return access(collector);
    }

    /** The seam over the collector (public for tests that build the sibling by hand). */
    public static EndpointAccess access(SmtpCollector collector) {
        return new EndpointAccess() {
            @Override
            public Optional<String> refusal(InetAddress address) {
                return collector.refusal(address);
            }

            @Override
            public Optional<Slot> acquire(InetAddress address, Instant deadline) throws InterruptedException {
                return collector.holdSlot(address, deadline).map(slot -> slot::close);
            }
        };
    }

    @Bean
    TlsPostureService tlsPostureService(CollectorProperties collector, TlsPostureProperties tls,
                                        EndpointAccess tlsEndpointAccess, Clock clock) {
        return new TlsPostureService(settings(collector, tls), tlsEndpointAccess, clock);
    }

    public static TlsPostureSettings settings(CollectorProperties collector, TlsPostureProperties tls) {
        return new TlsPostureSettings(
                DnsSettings.of(collector.dns().servers(), collector.dns().timeout()).servers(),
                collector.dns().timeout(), collector.smtp().port(), collector.smtp().limits(),
                pathOrNull(tls.tls().trustStore()), pathOrNull(tls.dns().trustAnchors()),
                tls.tls().mtaStsPort(), tls.tls().timeout());
    }

    private static Path pathOrNull(String value) {
        return value == null || value.isBlank() ? null : Path.of(value.strip());
    }
}
