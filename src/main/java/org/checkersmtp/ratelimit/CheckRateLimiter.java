package org.checkersmtp.ratelimit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.stereotype.Service;

/**
 * The /check page's rate limits: per user per minute, per client address per minute, per user per day
 * (Bucket4j token buckets, held in memory or in Redis — see {@link RateLimitBuckets}). A check is
 * allowed only when every allowance has a token; a refused check takes nothing from the others, so a
 * refusal never costs the person more than the check it refused.
 */
@Service
public class CheckRateLimiter {

    static final String METRIC = "checker.rate_limit.rejections";
    static final String KEY_PREFIX = "checker:rate-limit:";

    private final ProxyManager<String> buckets;
    private final Clock clock;
    private final Map<RateLimitScope, BucketConfiguration> configurations = new EnumMap<>(RateLimitScope.class);
    private final Map<RateLimitScope, Counter> rejections = new EnumMap<>(RateLimitScope.class);
    private final RateLimitProperties properties;

    public CheckRateLimiter(ProxyManager<String> buckets, RateLimitProperties properties, Clock clock,
                            MeterRegistry meters) {
        this.buckets = buckets;
        this.properties = properties;
        this.clock = clock;
        for (RateLimitScope scope : RateLimitScope.values()) {
            int limit = properties.limit(scope);
            if (limit > 0) {
                configurations.put(scope, BucketConfiguration.builder().addLimit(bandwidth(scope, limit)).build());
            }
            // Registered up front so that the series exist at 0 (an alert on rate() needs them).
            rejections.put(scope, Counter.builder(METRIC).tag("scope", scope.tag())
                    .description("Checks refused by a /check rate limit").register(meters));
        }
    }

    /** Per minute: refilled continuously. Per day: the whole allowance returns at once, a day after the first use. */
    private static Bandwidth bandwidth(RateLimitScope scope, int limit) {
        var capacity = Bandwidth.builder().capacity(limit);
        return (scope == RateLimitScope.USER_DAILY ? capacity.refillIntervally(limit, scope.period())
                : capacity.refillGreedy(limit, scope.period())).build();
    }

    /**
     * Counts one check for this user from this address if every allowance permits it.
     *
     * @param username the logged-in user's name
     * @param client   the client's address, from {@code ClientAddressResolver}
     */
    public RateLimitDecision tryAcquire(String username, InetAddress client) {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(client, "client");
        List<Bucket> taken = new ArrayList<>();
        RateLimitDecision refusal = null;
        for (Map.Entry<RateLimitScope, BucketConfiguration> limit : configurations.entrySet()) {
            RateLimitScope scope = limit.getKey();
            Bucket bucket = buckets.builder().build(key(scope, username, client), limit::getValue);
            ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
            if (probe.isConsumed()) {
                taken.add(bucket);
                continue;
            }
            Duration wait = Duration.ofNanos(probe.getNanosToWaitForRefill());
            if (refusal == null || wait.compareTo(refusal.retryAfter()) > 0) {
                refusal = RateLimitDecision.refused(scope, properties.limit(scope), wait, clock.instant());
            }
        }
        if (refusal == null) {
            return RateLimitDecision.ALLOWED;
        }
        taken.forEach(bucket -> bucket.addTokens(1));
        rejections.get(refusal.scope()).increment();
        return refusal;
    }

    /** {@link #tryAcquire}, throwing {@link RateLimitExceededException} (→ a 429 page) when refused. */
    public void acquire(String username, InetAddress client) {
        RateLimitDecision decision = tryAcquire(username, client);
        if (!decision.allowed()) {
            throw new RateLimitExceededException(decision);
        }
    }

    private static String key(RateLimitScope scope, String username, InetAddress client) {
        return KEY_PREFIX + scope.tag() + ":" + (scope == RateLimitScope.IP ? network(client) : username);
    }

    /** An IPv6 client usually owns a whole /64: counting single addresses would let it use 2^64 allowances. */
    static String network(InetAddress client) {
        if (client instanceof Inet6Address) {
            byte[] prefix = new byte[8];
            System.arraycopy(client.getAddress(), 0, prefix, 0, 8);
            return HexFormat.of().formatHex(prefix) + "/64";
        }
        return client.getHostAddress();
    }
}
