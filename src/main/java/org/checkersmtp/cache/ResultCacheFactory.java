package org.checkersmtp.cache;

import java.time.Duration;

/**
 * Result caches of another lifetime than {@code checker.probe.result-cache}, in the same store
 * ({@code checker.shared-state}): the exporter keeps a result for {@code checker.exporter.min-interval}.
 * Keys share one namespace with the result cache: a caller prefixes its own.
 */
@FunctionalInterface
public interface ResultCacheFactory {

    /** A cache whose entries live {@code timeToLive}; none at all (every call computes) for zero. */
    ResultCache withTimeToLive(Duration timeToLive);
}
