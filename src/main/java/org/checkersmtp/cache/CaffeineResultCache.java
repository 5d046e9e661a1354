package org.checkersmtp.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The result cache of a single replica: Caffeine, bounded by memory (a value weighs its length in
 * UTF-16 bytes), entries expiring by the application clock. Concurrent callers for one key share one
 * computation through a map of in-flight futures.
 */
final class CaffeineResultCache implements ResultCache {

    private record Stored(String value, Instant storedAt) {
    }

    private final Cache<String, Stored> entries;
    private final ConcurrentHashMap<String, CompletableFuture<Stored>> inFlight = new ConcurrentHashMap<>();
    private final Clock clock;

    CaffeineResultCache(Duration timeToLive, long maxBytes, Clock clock) {
        this.clock = clock;
        this.entries = Caffeine.newBuilder()
                .expireAfterWrite(timeToLive)
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .maximumWeight(maxBytes)
                .executor(Runnable::run) // evict on the writing thread: the bound holds at once
                .<String, Stored>weigher((key, stored) -> 2 * (key.length() + stored.value().length()))
                .build();
    }

    @Override
    public Optional<CachedValue> get(String key) {
        return Optional.ofNullable(entries.getIfPresent(key)).map(this::cached);
    }

    @Override
    public void put(String key, String value) {
        store(key, value);
    }

    private Stored store(String key, String value) {
        Stored stored = new Stored(value, clock.instant());
        entries.put(key, stored);
        return stored;
    }

    @Override
    public CachedValue getOrCompute(String key, Duration maxComputeTime, Supplier<String> compute) {
        while (true) {
            Optional<CachedValue> hit = get(key);
            if (hit.isPresent()) {
                return hit.get();
            }
            CompletableFuture<Stored> mine = new CompletableFuture<>();
            CompletableFuture<Stored> running = inFlight.putIfAbsent(key, mine);
            if (running == null) {
                return computeAndShare(key, compute, mine);
            }
            try {
                return cached(running.get(maxComputeTime.toMillis(), TimeUnit.MILLISECONDS));
            } catch (ExecutionException | TimeoutException e) {
                // The computing caller failed or is presumed dead: compute (once more) ourselves.
                inFlight.remove(key, running);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the result of " + key, e);
            }
        }
    }

    private CachedValue computeAndShare(String key, Supplier<String> compute, CompletableFuture<Stored> mine) {
        try {
            // Another caller may have stored the value between our miss and our claim.
            Stored stored = entries.getIfPresent(key);
            boolean computed = stored == null;
            if (computed) {
                stored = store(key, compute.get());
            }
            mine.complete(stored);
            return computed ? new CachedValue(stored.value(), Duration.ZERO, true) : cached(stored);
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(key, mine);
        }
    }

    private CachedValue cached(Stored stored) {
        Duration age = Duration.between(stored.storedAt(), clock.instant());
        return new CachedValue(stored.value(), age.isNegative() ? Duration.ZERO : age, false);
    }
}
