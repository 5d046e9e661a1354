package org.checkersmtp.cache;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The short result cache ({@code checker.probe.result-cache}): the same check asked again within the
 * time-to-live is answered from here instead of opening port-25 connections again, and two callers asking
 * at once (on this replica or, with {@code checker.shared-state=redis}, on any) run it once.
 * Generic on purpose: the caller chooses the key (e.g. the domain and the options that change the
 * result) and stores any JSON text.
 */
public interface ResultCache {

    /** The value stored under {@code key} less than the time-to-live ago, with its age. */
    Optional<CachedValue> get(String key);

    /** Stores {@code value} under {@code key} for the time-to-live (nothing when the cache is off). */
    void put(String key, String value);

    /**
     * The cached value, or the one a concurrent caller is computing (waiting for it), or else
     * {@code compute}'s result, stored. A computation that fails is not shared: its waiters try themselves.
     *
     * @param maxComputeTime how long {@code compute} may take at most (e.g. the collect deadline): a caller
     *                       that waits longer presumes the computing one dead and computes itself
     */
    CachedValue getOrCompute(String key, Duration maxComputeTime, Supplier<String> compute);

    /**
     * @param value    the stored text
     * @param age      how long ago it was computed (zero when {@code computed})
     * @param computed true when this call ran the computation; false when the value came from the cache
     *                 or from another caller's computation
     */
    record CachedValue(String value, Duration age, boolean computed) {
    }
}
