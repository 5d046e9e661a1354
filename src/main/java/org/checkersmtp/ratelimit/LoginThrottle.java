package org.checkersmtp.ratelimit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.EstimationProbe;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Failed sign-ins per client network address ({@code checker.rate-limit.failed-logins-per-minute}), in the
 * same buckets as the check limits (memory or Redis, so every replica agrees). Once an address has used
 * its failures, its sign-in attempts are not even tried until the allowance refills: guessing passwords
 * costs minutes, a person who mistypes once never notices. A successful sign-in costs nothing.
 */
@Service
public class LoginThrottle {

    static final String SCOPE = "login";

    private final ProxyManager<String> buckets;
    private final BucketConfiguration configuration;
    private final Counter rejections;

    public LoginThrottle(ProxyManager<String> buckets, RateLimitProperties properties, MeterRegistry meters) {
        this.buckets = buckets;
        int limit = properties.failedLoginsPerMinute();
        this.configuration = limit == 0 ? null : BucketConfiguration.builder()
                .addLimit(Bandwidth.builder().capacity(limit).refillGreedy(limit, Duration.ofMinutes(1)).build())
                .build();
        this.rejections = Counter.builder(CheckRateLimiter.METRIC).tag("scope", SCOPE)
                .description("Sign-in attempts refused after too many failures from one address").register(meters);
    }

    /** How long this address must wait before its next sign-in attempt is tried; empty: it may try now. */
    public Optional<Duration> refusal(InetAddress client) {
        if (configuration == null) {
            return Optional.empty();
        }
        EstimationProbe probe = bucket(client).estimateAbilityToConsume(1);
        if (probe.canBeConsumed()) {
            return Optional.empty();
        }
        rejections.increment();
        return Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    /** Counts one failed sign-in from this address. */
    public void failed(InetAddress client) {
        if (configuration != null) {
            bucket(client).tryConsume(1);
        }
    }

    private Bucket bucket(InetAddress client) {
        return buckets.builder().build(CheckRateLimiter.KEY_PREFIX + SCOPE + ":" + CheckRateLimiter.network(client),
                () -> configuration);
    }
}
