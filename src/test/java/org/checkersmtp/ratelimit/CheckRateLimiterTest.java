package org.checkersmtp.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.checkersmtp.i18n.Catalogue;
import org.checkersmtp.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

class CheckRateLimiterTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-05-01T10:00:00Z"));
    private final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    private CheckRateLimiter limiter(int userPerMinute, int ipPerMinute, int userPerDay) {
        RateLimitProperties properties = new RateLimitProperties(userPerMinute, ipPerMinute, userPerDay, 10, 1000);
        return new CheckRateLimiter(new RateLimitBuckets().memoryRateLimitBuckets(properties, clock), properties,
                clock, meters);
    }

    private static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByName(literal);
    }

    @Test
    void theUserLimitRefusesTheNextCheckAndSaysWhenOneComesBack() throws Exception {
        CheckRateLimiter limiter = limiter(3, 100, 100);
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.tryAcquire("alice", ip("192.0.2.1")).allowed()).isTrue();
        }
        RateLimitDecision refused = limiter.tryAcquire("alice", ip("192.0.2.2"));
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.scope()).isEqualTo(RateLimitScope.USER);
        assertThat(refused.limit()).isEqualTo(3);
        // 3 per minute, refilled continuously: the next one in 20 s.
        assertThat(refused.retryAfterSeconds()).isEqualTo(20);
        assertThat(refused.retryAt()).isEqualTo(Instant.parse("2026-05-01T10:00:20Z"));
        assertThat(limiter.tryAcquire("bob", ip("192.0.2.1")).allowed()).as("other users are not affected").isTrue();

        clock.advance(Duration.ofSeconds(20));
        assertThat(limiter.tryAcquire("alice", ip("192.0.2.1")).allowed()).isTrue();
        assertThat(limiter.tryAcquire("alice", ip("192.0.2.1")).allowed()).isFalse();
    }

    @Test
    void theAddressLimitCountsEveryUserBehindOneAddress() throws Exception {
        CheckRateLimiter limiter = limiter(100, 2, 100);
        assertThat(limiter.tryAcquire("alice", ip("198.51.100.7")).allowed()).isTrue();
        assertThat(limiter.tryAcquire("bob", ip("198.51.100.7")).allowed()).isTrue();
        RateLimitDecision refused = limiter.tryAcquire("carol", ip("198.51.100.7"));
        assertThat(refused.scope()).isEqualTo(RateLimitScope.IP);
        assertThat(refused.retryAfterSeconds()).isEqualTo(30);
        assertThat(limiter.tryAcquire("carol", ip("198.51.100.8")).allowed()).isTrue();
    }

    @Test
    void anIpv6ClientCountsByItsSlash64() throws Exception {
        CheckRateLimiter limiter = limiter(100, 2, 100);
        assertThat(limiter.tryAcquire("alice", ip("2001:db8:1:2::1")).allowed()).isTrue();
        assertThat(limiter.tryAcquire("bob", ip("2001:db8:1:2:ffff::9")).allowed()).isTrue();
        assertThat(limiter.tryAcquire("carol", ip("2001:db8:1:2:abcd::5")).scope()).isEqualTo(RateLimitScope.IP);
        assertThat(limiter.tryAcquire("carol", ip("2001:db8:1:3::1")).allowed()).as("another /64").isTrue();
    }

    @Test
    void theDailyCapHoldsAfterTheMinuteIsOverAndComesBackADayAfterTheFirstCheck() throws Exception {
        CheckRateLimiter limiter = limiter(2, 100, 3);
        assertThat(limiter.tryAcquire("alice", ip("192.0.2.1")).allowed()).isTrue();
        assertThat(limiter.tryAcquire("alice", ip("192.0.2.1")).allowed()).isTrue();
        clock.advance(Duration.ofMinutes(1));
        assertThat(limiter.tryAcquire("alice", ip("192.0.2.1")).allowed()).isTrue();
        RateLimitDecision refused = limiter.tryAcquire("alice", ip("192.0.2.1"));
        assertThat(refused.scope()).isEqualTo(RateLimitScope.USER_DAILY);
        assertThat(refused.retryAfter()).isEqualTo(Duration.ofDays(1).minusMinutes(1));
        clock.advance(Duration.ofDays(1).minusMinutes(1));
        assertThat(limiter.tryAcquire("alice", ip("192.0.2.1")).allowed()).isTrue();
    }

    @Test
    void aRefusedCheckCostsNothingElseAndTheLongestWaitIsTheOneReported() throws Exception {
        CheckRateLimiter limiter = limiter(1, 2, 100);
        assertThat(limiter.tryAcquire("alice", ip("192.0.2.1")).allowed()).isTrue();
        // Refused by alice's own minute: the address's second token must stay for bob.
        for (int i = 0; i < 5; i++) {
            assertThat(limiter.tryAcquire("alice", ip("192.0.2.1")).scope()).isEqualTo(RateLimitScope.USER);
        }
        assertThat(limiter.tryAcquire("bob", ip("192.0.2.1")).allowed()).isTrue();
        // Both alice's minute (60 s) and the address (30 s) are exhausted now: the person must wait 60 s.
        RateLimitDecision both = limiter.tryAcquire("alice", ip("192.0.2.1"));
        assertThat(both.scope()).isEqualTo(RateLimitScope.USER);
        assertThat(both.retryAfterSeconds()).isEqualTo(60);
    }

    @Test
    void zeroTurnsALimitOff() throws Exception {
        CheckRateLimiter limiter = limiter(0, 0, 0);
        for (int i = 0; i < 50; i++) {
            assertThat(limiter.tryAcquire("alice", ip("192.0.2.1")).allowed()).isTrue();
        }
    }

    @Test
    void acquireThrowsTheDecision() throws Exception {
        CheckRateLimiter limiter = limiter(1, 100, 100);
        limiter.acquire("alice", ip("192.0.2.1"));
        assertThatThrownBy(() -> limiter.acquire("alice", ip("192.0.2.1")))
                .isInstanceOfSatisfying(RateLimitExceededException.class,
                        e -> assertThat(e.decision().scope()).isEqualTo(RateLimitScope.USER));
    }

    @Test
    void rejectionsAreCountedByScopeUnderThePrometheusName() throws Exception {
        CheckRateLimiter limiter = limiter(1, 1, 100);
        assertThat(meters.scrape()).as("every scope's series exists before the first refusal")
                .contains("checker_rate_limit_rejections_total{scope=\"user\"} 0");
        limiter.tryAcquire("alice", ip("192.0.2.1"));
        limiter.tryAcquire("alice", ip("192.0.2.2"));
        limiter.tryAcquire("bob", ip("192.0.2.1"));
        limiter.tryAcquire("bob", ip("192.0.2.1"));
        String scrape = meters.scrape();
        assertThat(scrape).contains("checker_rate_limit_rejections_total{scope=\"user\"} 1")
                .contains("checker_rate_limit_rejections_total{scope=\"ip\"} 2")
                .contains("checker_rate_limit_rejections_total{scope=\"user_daily\"} 0");
    }

    @Test
    void retryAfterIsWholeSecondsRoundedUpAndAtLeastOne() {
        assertThat(RateLimitDecision.refused(RateLimitScope.IP, 1, Duration.ofMillis(1), Instant.EPOCH)
                .retryAfterSeconds()).isEqualTo(1);
        assertThat(RateLimitDecision.refused(RateLimitScope.IP, 1, Duration.ofMillis(20_001), Instant.EPOCH)
                .retryAfterSeconds()).isEqualTo(21);
    }

    @Test
    void aWaitIsWrittenInWordsRoundedUp_inEnglishAndInFrench() {
        assertThat(RateLimitedPage.readable(1).inEnglish()).isEqualTo("1 second");
        assertThat(RateLimitedPage.readable(45).inEnglish()).isEqualTo("45 seconds");
        assertThat(RateLimitedPage.readable(61).inEnglish()).isEqualTo("2 minutes");
        assertThat(RateLimitedPage.readable(86_340).inEnglish()).isEqualTo("23 hours 59 minutes");
        assertThat(RateLimitedPage.readable(7200).inEnglish()).isEqualTo("2 hours");
        assertThat(RateLimitedPage.readable(3660).inEnglish()).isEqualTo("1 hour 1 minute");

        assertThat(french(1)).isEqualTo("1 seconde");
        assertThat(french(45)).isEqualTo("45 secondes");
        assertThat(french(61)).isEqualTo("2 minutes");
        assertThat(french(86_340)).isEqualTo("23 heures 59 minutes");
        assertThat(french(3660)).isEqualTo("1 heure 1 minute");
    }

    private static String french(long seconds) {
        return RateLimitedPage.readable(seconds).in(Catalogue.classpath(), Locale.FRENCH);
    }
}
