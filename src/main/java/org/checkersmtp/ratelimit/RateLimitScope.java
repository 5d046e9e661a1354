package org.checkersmtp.ratelimit;

import java.time.Duration;

/** Which allowance a refused check exhausted; {@link #tag()} is the metric label and the Redis key part. */
public enum RateLimitScope {
    USER("user", Duration.ofMinutes(1), "per minute for your account"),
    IP("ip", Duration.ofMinutes(1), "per minute from your network address"),
    USER_DAILY("user_daily", Duration.ofDays(1), "per day for your account");

    private final String tag;
    private final Duration period;
    private final String description;

    RateLimitScope(String tag, Duration period, String description) {
        this.tag = tag;
        this.period = period;
        this.description = description;
    }

    /** {@code user}, {@code ip}, {@code user_daily}: the {@code scope} label of checker_rate_limit_rejections_total. */
    public String tag() {
        return tag;
    }

    public Duration period() {
        return period;
    }

    /** How a person reads the limit: "5 checks" + description, e.g. "per minute for your account". */
    public String description() {
        return description;
    }
}
