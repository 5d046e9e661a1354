package org.checkersmtp.cache;

import java.time.Clock;
import org.checkersmtp.config.OnSharedState;
import org.checkersmtp.config.SharedState;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The {@link ResultCacheFactory} for {@code checker.shared-state}, and the {@link ResultCache} of
 * {@code checker.probe.result-cache} made by it (none at all with {@code 0s}).
 */
@Configuration(proxyBeanMethods = false)
public class ResultCacheConfiguration {

    @Bean
    ResultCache resultCache(ResultCacheFactory caches, ResultCacheProperties properties) {
        return caches.withTimeToLive(properties.resultCache());
    }

    @Bean
    @OnSharedState(SharedState.MEMORY)
    ResultCacheFactory memoryResultCacheFactory(ResultCacheProperties properties, Clock clock) {
        return ttl -> ttl.isZero() ? new NoResultCache()
                : new CaffeineResultCache(ttl, properties.resultCacheMemory().toBytes(), clock);
    }

    @Bean
    @OnSharedState(SharedState.REDIS)
    ResultCacheFactory redisResultCacheFactory(StringRedisTemplate redis, Clock clock) {
        return ttl -> ttl.isZero() ? new NoResultCache() : new RedisResultCache(redis, ttl, clock);
    }
}
