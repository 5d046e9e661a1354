package org.checkersmtp.ratelimit;

import java.time.Duration;
import java.time.Instant;

/**
 * The answer to "may this person run a check now?".
 *
 * @param allowed    true: go ahead (the check has been counted)
 * @param scope      when refused, the allowance that is exhausted (the one with the longest wait); null when allowed
 * @param limit      when refused, that allowance's size (checks per {@link RateLimitScope#period()})
 * @param retryAfter when refused, how long until one more check is allowed in that scope
 * @param retryAt    when refused, the moment that happens
 */
public record RateLimitDecision(boolean allowed, RateLimitScope scope, long limit, Duration retryAfter,
                                Instant retryAt) {

    static final RateLimitDecision ALLOWED = new RateLimitDecision(true, null, 0, Duration.ZERO, null);

    static RateLimitDecision refused(RateLimitScope scope, long limit, Duration retryAfter, Instant now) {
        return new RateLimitDecision(false, scope, limit, retryAfter, now.plus(retryAfter));
    }

    /** The {@code Retry-After} header value: whole seconds, rounded up, at least 1. */
    public long retryAfterSeconds() {
        return retryAfterSeconds(retryAfter);
    }

    /** A wait as a {@code Retry-After} value: whole seconds, rounded up, at least 1. */
    public static long retryAfterSeconds(Duration wait) {
        return Math.max(1, wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0));
    }
}
