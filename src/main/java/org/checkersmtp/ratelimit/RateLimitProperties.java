package org.checkersmtp.ratelimit;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code checker.rate-limit.*}: how many checks the /check page runs for one person and one client
 * address, and how many failed sign-ins one address may make. Every check opens port-25 connections from
 * this service's address, so the limits protect the service's reputation as much as its capacity. 0 turns
 * a limit off. Documented in docs/configuration.md.
 *
 * @param userPerMinute checks per user per minute (refilled continuously: one every 60/n seconds)
 * @param ipPerMinute   checks per client address per minute (an IPv6 client counts by its /64)
 * @param userPerDay    checks per user per day (the whole allowance comes back 24 h after the day began)
 * @param failedLoginsPerMinute failed sign-ins per client address per minute (an IPv6 client counts by
 *                      its /64); beyond them the address's attempts wait for the allowance to refill
 * @param maxKeys       most users and addresses tracked in memory (checker.shared-state=memory); idle
 *                      ones are forgotten once their allowance is full again
 */
@Validated
@ConfigurationProperties("checker.rate-limit")
public record RateLimitProperties(
        @Min(0) @DefaultValue("5") int userPerMinute,
        @Min(0) @DefaultValue("10") int ipPerMinute,
        @Min(0) @DefaultValue("100") int userPerDay,
        @Min(0) @DefaultValue("10") int failedLoginsPerMinute,
        @Min(1) @Max(10_000_000) @DefaultValue("100000") int maxKeys) {

    int limit(RateLimitScope scope) {
        return switch (scope) {
            case USER -> userPerMinute;
            case IP -> ipPerMinute;
            case USER_DAILY -> userPerDay;
        };
    }
}
