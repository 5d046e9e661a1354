package org.checkersmtp.ratelimit;

import java.time.Duration;

/**
 * Which allowance a refused check exhausted; {@link #tag()} is the metric label, the Redis key part and, after
 * {@code ratelimit.scope.}, the key of how the 429 page says it.
 */
public enum RateLimitScope {
    USER("user", Duration.ofMinutes(1)),
    IP("ip", Duration.ofMinutes(1)),
    USER_DAILY("user_daily", Duration.ofDays(1));

    private final String tag;
    private final Duration period;

    RateLimitScope(String tag, Duration period) {
        this.tag = tag;
        this.period = period;
    }

    /** {@code user}, {@code ip}, {@code user_daily}: the {@code scope} label of checker_rate_limit_rejections_total. */
    public String tag() {
        return tag;
    }

    public Duration period() {
        return period;
    }
}
