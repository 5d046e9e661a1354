package org.checkersmtp.cache;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/** {@code checker.probe.result-cache=0s}: every check probes, nothing is stored or shared. */
final class NoResultCache implements ResultCache {

    @Override
    public Optional<CachedValue> get(String key) {
        return Optional.empty();
    }

    @Override
    public void put(String key, String value) {
        // Off: nothing to keep.
    }

    @Override
    public CachedValue getOrCompute(String key, Duration maxComputeTime, Supplier<String> compute) {
        return new CachedValue(compute.get(), Duration.ZERO, true);
    }
}
