package org.checkersmtp.config;

import java.nio.file.Path;
import java.time.Clock;
import org.checkersmtp.collect.CollectorProperties;
import org.checkersmtp.collect.TargetPolicy;
import org.checkersmtp.collect.dns.DnsSettings;
import org.checkersmtp.tlsposture.EndpointAccess;
import org.checkersmtp.tlsposture.LocalEndpointAccess;
import org.checkersmtp.tlsposture.TlsPostureProperties;
import org.checkersmtp.tlsposture.TlsPostureService;
import org.checkersmtp.tlsposture.TlsPostureSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the TLS sibling to the collector's settings: the same resolvers, SMTP port, target policy and
 * parallelism cap. {@link EndpointAccess} is the seam: today a local semaphore and per-address gate
 * behind the collector's {@link TargetPolicy}; the collector's shared session pool can replace it.
 */
@Configuration(proxyBeanMethods = false)
public class TlsPostureConfig {

    @Bean
    EndpointAccess tlsEndpointAccess(CollectorProperties collector) {
        TargetPolicy policy = new TargetPolicy(collector.targets().allowPrivate());
        return new LocalEndpointAccess(policy::refusal, collector.probe().maxParallel());
    }

    @Bean
    TlsPostureService tlsPostureService(CollectorProperties collector, TlsPostureProperties tls,
                                        EndpointAccess tlsEndpointAccess, Clock clock) {
        return new TlsPostureService(settings(collector, tls), tlsEndpointAccess, clock);
    }

    public static TlsPostureSettings settings(CollectorProperties collector, TlsPostureProperties tls) {
        return new TlsPostureSettings(
                DnsSettings.of(collector.dns().servers(), collector.dns().timeout()).servers(),
                collector.dns().timeout(), collector.smtp().port(),
                pathOrNull(tls.tls().trustStore()), pathOrNull(tls.dns().trustAnchors()),
                tls.tls().mtaStsPort(), tls.tls().timeout());
    }

    private static Path pathOrNull(String value) {
        return value == null || value.isBlank() ? null : Path.of(value.strip());
    }
}
