package org.checkersmtp.results;

import java.nio.file.Path;
import java.time.Clock;
import org.checkersmtp.config.OnSharedState;
import org.checkersmtp.config.SharedState;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;

/** The {@link ResultStore} for {@code checker.shared-state} and the {@link Results} over it. */
@Configuration(proxyBeanMethods = false)
public class ResultsConfiguration {

    @Bean
    @OnSharedState(SharedState.MEMORY)
    MvStoreResultStore diskResultStore(ResultsProperties properties, Clock clock) {
        String directory = properties.directory().trim();
        return new MvStoreResultStore(directory.isEmpty() ? null : Path.of(directory), clock);
    }

    @Bean
    @OnSharedState(SharedState.REDIS)
    RedisResultStore redisResultStore(StringRedisTemplate redis) {
        return new RedisResultStore(redis);
    }

    @Bean
    Results results(ResultStore store, ResultsProperties properties, Clock clock,
                    ObjectProvider<ResultsObserver> observer) {
        return new Results(store, properties, clock, observer.getIfAvailable(() -> ResultsObserver.NONE));
    }
}
