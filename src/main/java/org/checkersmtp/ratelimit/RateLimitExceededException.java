package org.checkersmtp.ratelimit;

/** Thrown by {@link CheckRateLimiter#acquire}; {@link RateLimitedPage} turns it into a 429 page with Retry-After. */
public class RateLimitExceededException extends RuntimeException {

    private final transient RateLimitDecision decision;

    public RateLimitExceededException(RateLimitDecision decision) {
        super("rate limit " + decision.scope().tag() + " reached: retry in " + decision.retryAfterSeconds() + " s");
        this.decision = decision;
    }

    public RateLimitDecision decision() {
        return decision;
    }
}
