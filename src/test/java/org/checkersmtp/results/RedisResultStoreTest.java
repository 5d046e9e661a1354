package org.checkersmtp.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.checkersmtp.testsupport.realservers.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/** The contract on a real redis-server, plus Redis's own expiry: the keys carry the retention as their TTL. */
class RedisResultStoreTest extends ResultStoreContractTest {

    private static RedisServer server;
    private static LettuceConnectionFactory connections;
    private static StringRedisTemplate redis;

    @BeforeAll
    static void start() {
        server = RedisServer.start();
        connections = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", server.port()));
        connections.afterPropertiesSet();
        connections.start();
        redis = new StringRedisTemplate(connections);
    }

    @AfterAll
    static void stop() {
        if (connections != null) {
            connections.destroy();
        }
        if (server != null) {
            server.close();
        }
    }

    @Override
    ResultStore emptyStore() {
        redis.execute((org.springframework.data.redis.core.RedisCallback<Void>) c -> {
            c.serverCommands().flushAll();
            return null;
        });
        return new RedisResultStore(redis);
    }

    @Override
    void damage(String id) {
        redis.opsForValue().set(RedisResultStore.VALUE_PREFIX + id, "\u0000not json");
    }

    @Test
    void keysExpireWithTheRetention() {
        StoredResult saved = save("alice", "example.com");

        Long valueTtl = redis.getExpire(RedisResultStore.VALUE_PREFIX + saved.id());
        Long indexTtl = redis.getExpire(RedisResultStore.INDEX_PREFIX + OwnerKeys.of("alice"));
        assertThat(valueTtl).isBetween(RETENTION.minus(Duration.ofMinutes(1)).toSeconds(), RETENTION.toSeconds());
        assertThat(indexTtl).isBetween(RETENTION.minus(Duration.ofMinutes(1)).toSeconds(), RETENTION.toSeconds());
    }
}
