package org.checkersmtp.ratelimit;

import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.caffeine.Bucket4jCaffeine;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.time.Clock;
import java.time.Duration;
import org.checkersmtp.config.OnSharedState;
import org.checkersmtp.config.SharedState;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Where the buckets live ({@code checker.shared-state}): a bounded Caffeine map in this process, or Redis
 * through Bucket4j's Lettuce integration so that every replica sees the same counts. Either way a bucket
 * disappears shortly after it is full again, so idle users and addresses cost nothing.
 */
@Configuration(proxyBeanMethods = false)
public class RateLimitBuckets {

    private static final ExpirationAfterWriteStrategy FORGET_WHEN_FULL =
            ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10));

    /** Bucket4j's clock is the application's: one notion of time (and tests can move it). */
    static TimeMeter timeMeter(Clock clock) {
        return new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                return clock.millis() * 1_000_000L;
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
    }

    @Bean
    @OnSharedState(SharedState.MEMORY)
    ProxyManager<String> memoryRateLimitBuckets(RateLimitProperties properties, Clock clock) {
        return Bucket4jCaffeine.<String>builderFor(Caffeine.newBuilder().maximumSize(properties.maxKeys()))
                .expirationAfterWrite(FORGET_WHEN_FULL).clientClock(timeMeter(clock)).build();
    }

    @Bean
    @OnSharedState(SharedState.REDIS)
    ProxyManager<String> redisRateLimitBuckets(LettuceConnectionFactory redis, Clock clock) {
        // Spring's client carries every spring.data.redis.* setting (address, password, TLS, timeouts).
        if (!(redis.getNativeClient() instanceof RedisClient client)) {
            throw new IllegalStateException("checker.shared-state=redis supports a standalone or Sentinel Redis, "
                    + "not Redis Cluster");
        }
        StatefulRedisConnection<String, byte[]> connection =
                client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
        return Bucket4jLettuce.casBasedBuilder(connection)
                .expirationAfterWrite(FORGET_WHEN_FULL).clientClock(timeMeter(clock)).build();
    }
}
