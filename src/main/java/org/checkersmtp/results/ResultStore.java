package org.checkersmtp.results;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Where stored results live: a value per id and, per owner, an index of summaries. The store keeps bytes
 * and knows no rule: {@link Results} checks ids, owners, sizes, counts and expiry. Records are of one kind
 * today (checks, under their own key space), so another kind per user can sit beside them later.
 * Implementations: {@link MvStoreResultStore} (local disk), {@link RedisResultStore} (shared by replicas).
 */
public interface ResultStore {

    /** Stores or replaces the value and its owner's index entry; the store may drop both after {@code keep}. */
    void put(ResultSummary summary, String value, Duration keep);

    /** The value stored under a well-formed id, if any. */
    Optional<String> value(String id);

    /** The owner's index, in no particular order; entries that cannot be read are left out. */
    List<ResultSummary> index(String owner);

    /** Removes the value and its index entry: a deleted result is gone, not hidden. */
    void remove(ResultSummary summary);
}
