package org.checkersmtp.results;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where stored results live: a value per id and, per owner, an index of summaries. The store keeps bytes
 * and knows no rule: {@link Results} checks ids, owners, sizes, counts and expiry. Two kinds of record, each
 * in its own key space: checks, and per user the domains they asked to prove (their value is the
 * {@code ownership} package's, by domain name; never expired by the store, for a proof is re-checked instead).
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

    /** Stores or replaces one of the owner's domain records. */
    void putDomain(String owner, String domain, String value);

    /** The owner's domain records by domain name, in no particular order. */
    Map<String, String> domains(String owner);

    /** Removes one of the owner's domain records, if there. */
    void removeDomain(String owner, String domain);
}
