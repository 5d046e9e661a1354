package org.checkersmtp.cache;

import java.time.Clock;
import org.checkersmtp.config.OnSharedState;
import org.checkersmtp.config.SharedState;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The {@link ResultCache} for {@code checker.shared-state}, or none at all with {@code checker.probe.result-cache=0s};
 * the {@link ResultCacheFactory} of caches of other lifetimes in the same store.
 */
@Configuration(proxyBeanMethods = false)
public class ResultCacheConfiguration {

    @Bean
    @OnSharedState(SharedState.MEMORY)
    ResultCache memoryResultCache(ResultCacheProperties properties, Clock clock) {
        return properties.enabled()
                ? new CaffeineResultCache(properties.resultCache(), properties.resultCacheMemory().toBytes(), clock)
                : new NoResultCache();
    }

    @Bean
    @OnSharedState(SharedState.REDIS)
    ResultCache redisResultCache(ResultCacheProperties properties, StringRedisTemplate redis, Clock clock) {
        return properties.enabled() ? new RedisResultCache(redis, properties.resultCache(), clock) : new NoResultCache();
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
