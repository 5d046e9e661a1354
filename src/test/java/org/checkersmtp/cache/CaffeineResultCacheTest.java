package org.checkersmtp.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.checkersmtp.cache.ResultCache.CachedValue;
import org.checkersmtp.testsupport.MutableClock;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class CaffeineResultCacheTest {

    private static final Duration MAX_COMPUTE = Duration.ofSeconds(10);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-05-01T10:00:00Z"));
    private final ResultCache cache = memory(new ResultCacheProperties(Duration.ofSeconds(60),
            DataSize.ofMegabytes(1)));

    /** The cache the application makes of these properties with checker.shared-state=memory. */
    private ResultCache memory(ResultCacheProperties properties) {
        ResultCacheConfiguration configuration = new ResultCacheConfiguration();
        return configuration.resultCache(configuration.memoryResultCacheFactory(properties, clock), properties);
    }

    @Test
    void aStoredValueIsServedWithItsAgeUntilTheTimeToLiveRunsOut() {
        assertThat(cache.get("example.com")).isEmpty();
        cache.put("example.com", "{\"a\":1}");
        clock.advance(Duration.ofSeconds(42));
        assertThat(cache.get("example.com")).contains(new CachedValue("{\"a\":1}", Duration.ofSeconds(42), false));
        clock.advance(Duration.ofSeconds(18));
        assertThat(cache.get("example.com")).isEmpty();
    }

    @Test
    void getOrComputeComputesOnceThenServesTheCache() {
        AtomicInteger runs = new AtomicInteger();
        CachedValue first = cache.getOrCompute("k", MAX_COMPUTE, () -> "v" + runs.incrementAndGet());
        assertThat(first).isEqualTo(new CachedValue("v1", Duration.ZERO, true));
        clock.advance(Duration.ofSeconds(5));
        assertThat(cache.getOrCompute("k", MAX_COMPUTE, () -> "v" + runs.incrementAndGet()))
                .isEqualTo(new CachedValue("v1", Duration.ofSeconds(5), false));
        assertThat(runs).hasValue(1);
    }

    @Test
    void concurrentCallersForOneKeyShareOneComputation() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<CachedValue>> callers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                callers.add(pool.submit(() -> cache.getOrCompute("slow", MAX_COMPUTE, () -> {
                    runs.incrementAndGet();
                    await(release);
                    return "result";
                })));
            }
            Thread.sleep(200); // let every caller arrive while the first computes
            release.countDown();
            int computedHere = 0;
            for (Future<CachedValue> caller : callers) {
                CachedValue value = caller.get(10, TimeUnit.SECONDS);
                assertThat(value.value()).isEqualTo("result");
                computedHere += value.computed() ? 1 : 0;
            }
            assertThat(runs).hasValue(1);
            assertThat(computedHere).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFailedComputationIsNotSharedNorStored() {
        assertThatThrownBy(() -> cache.getOrCompute("k", MAX_COMPUTE, () -> {
            throw new IllegalStateException("DNS down");
        })).hasMessage("DNS down");
        assertThat(cache.get("k")).isEmpty();
        assertThat(cache.getOrCompute("k", MAX_COMPUTE, () -> "ok").computed()).isTrue();
    }

    @Test
    void zeroSecondsTurnsTheCacheOff() {
        ResultCache off = memory(new ResultCacheProperties(Duration.ZERO, DataSize.ofMegabytes(1)));
        off.put("k", "v");
        assertThat(off.get("k")).isEmpty();
        AtomicInteger runs = new AtomicInteger();
        off.getOrCompute("k", MAX_COMPUTE, () -> "v" + runs.incrementAndGet());
        off.getOrCompute("k", MAX_COMPUTE, () -> "v" + runs.incrementAndGet());
        assertThat(runs).hasValue(2);
    }

    @Test
    void theMemoryBoundEvictsRatherThanGrows() {
        ResultCache small = memory(new ResultCacheProperties(Duration.ofMinutes(1), DataSize.ofKilobytes(64)));
        String big = "x".repeat(10_000); // 20 kB each as UTF-16
        for (int i = 0; i < 20; i++) {
            small.put("k" + i, big);
        }
        long kept = IntStream.range(0, 20).filter(i -> small.get("k" + i).isPresent()).count();
        assertThat(kept).as("64 KiB hold three 20 kB values").isBetween(1L, 3L);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
