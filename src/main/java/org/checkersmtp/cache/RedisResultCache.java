package org.checkersmtp.cache;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * The result cache shared by every replica: a Redis string per key, {@code <storedAt millis>\n<value>},
 * expiring with the time-to-live. The single flight is a lock key taken with SET NX PX: the replica that
 * gets it computes, the others poll for the value; the lock's expiry ({@code maxComputeTime}) frees
 * waiters of a replica that died while computing. Ages use each replica's clock (keep them in NTP sync).
 */
final class RedisResultCache implements ResultCache {

    static final String VALUE_PREFIX = "checker:result:";
    static final String LOCK_PREFIX = "checker:result-lock:";
    static final Duration POLL = Duration.ofMillis(100);

    /** Deletes the lock only if it is still ours: an expired lock may already belong to another replica. */
    private static final RedisScript<Long> RELEASE = RedisScript.of(
            "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end",
            Long.class);

    private final StringRedisTemplate redis;
    private final Duration timeToLive;
    private final Clock clock;

    RedisResultCache(StringRedisTemplate redis, Duration timeToLive, Clock clock) {
        this.redis = redis;
        this.timeToLive = timeToLive;
        this.clock = clock;
    }

    @Override
    public Optional<CachedValue> get(String key) {
        String stored = redis.opsForValue().get(VALUE_PREFIX + key);
        int newline = stored == null ? -1 : stored.indexOf('\n');
        if (newline < 0) {
            return Optional.empty();
        }
        Duration age = Duration.between(Instant.ofEpochMilli(Long.parseLong(stored.substring(0, newline))),
                clock.instant());
        return Optional.of(new CachedValue(stored.substring(newline + 1), age.isNegative() ? Duration.ZERO : age,
                false));
    }

    @Override
    public void put(String key, String value) {
        redis.opsForValue().set(VALUE_PREFIX + key, clock.millis() + "\n" + value, timeToLive);
    }

    @Override
    public CachedValue getOrCompute(String key, Duration maxComputeTime, Supplier<String> compute) {
        String lock = LOCK_PREFIX + key;
        String owner = UUID.randomUUID().toString();
        while (true) {
            Optional<CachedValue> hit = get(key);
            if (hit.isPresent()) {
                return hit.get();
            }
            if (Boolean.TRUE.equals(redis.opsForValue().setIfAbsent(lock, owner, maxComputeTime))) {
                try {
                    // Another replica may have stored the value between our miss and our lock.
                    Optional<CachedValue> late = get(key);
                    if (late.isPresent()) {
                        return late.get();
                    }
                    String value = compute.get();
                    put(key, value);
                    return new CachedValue(value, Duration.ZERO, true);
                } finally {
                    redis.execute(RELEASE, List.of(lock), owner);
                }
            }
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for another replica's result", e);
        }
    }
}
