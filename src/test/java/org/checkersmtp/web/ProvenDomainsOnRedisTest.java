package org.checkersmtp.web;

import org.checkersmtp.testsupport.realservers.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link ProvenDomainsPageTest} with {@code checker.shared-state=redis}: the proofs in a real redis-server. */
class ProvenDomainsOnRedisTest extends ProvenDomainsPageTest {

    private static RedisServer redis;

    @DynamicPropertySource
    static void redis(DynamicPropertyRegistry registry) {
        redis = RedisServer.start();
        registry.add("checker.shared-state", () -> "redis");
        registry.add("spring.data.redis.host", () -> "127.0.0.1");
        registry.add("spring.data.redis.port", redis::port);
    }

    @AfterAll
    static void stopRedis() {
        if (redis != null) {
            redis.close();
        }
    }
}
