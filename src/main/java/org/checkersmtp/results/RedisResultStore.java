package org.checkersmtp.results;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Results in Redis, shared by every replica: the value under {@code checker:results:check:<id>} expiring
 * with the retention, and per owner a sorted set of ids by creation time ({@code
 * checker:results:check-index:<owner key>}) with a hash of their summaries beside it, both expiring with
 * the owner's newest result; the owner's domain records in one hash ({@code checker:results:domains:<owner
 * key>}, field the domain, no expiry). Survives a Redis restart only with persistence on ({@code appendonly yes},
 * docs/configuration.md).
 */
final class RedisResultStore implements ResultStore {

    static final String VALUE_PREFIX = "checker:results:check:";
    static final String INDEX_PREFIX = "checker:results:check-index:";
    static final String SUMMARY_PREFIX = "checker:results:check-summary:";
    static final String DOMAINS_PREFIX = "checker:results:domains:";

    private final StringRedisTemplate redis;

    RedisResultStore(StringRedisTemplate redis) {
        this.redis = redis;
    }

    @Override
    public void put(ResultSummary summary, String value, Duration keep) {
        String owner = OwnerKeys.of(summary.owner());
        redis.opsForValue().set(VALUE_PREFIX + summary.id(), value, keep);
        redis.opsForZSet().add(INDEX_PREFIX + owner, summary.id(), summary.createdMillis());
        redis.opsForHash().put(SUMMARY_PREFIX + owner, summary.id(), ResultCodec.encode(summary));
        // The index lives as long as the owner's longest-lived result (every put keeps at most the retention).
        extend(INDEX_PREFIX + owner, keep);
        extend(SUMMARY_PREFIX + owner, keep);
    }

    private void extend(String key, Duration keep) {
        Long left = redis.getExpire(key);
        if (left == null || left < keep.toSeconds()) {
            redis.expire(key, keep);
        }
    }

    @Override
    public Optional<String> value(String id) {
        return Optional.ofNullable(redis.opsForValue().get(VALUE_PREFIX + id));
    }

    @Override
    public List<ResultSummary> index(String owner) {
        String key = OwnerKeys.of(owner);
        Set<String> ids = redis.opsForZSet().reverseRange(INDEX_PREFIX + key, 0, -1);
        if (ids == null || ids.isEmpty()) {
            return List.of();
        }
        List<Object> summaries = redis.<Object, Object>opsForHash().multiGet(SUMMARY_PREFIX + key, List.copyOf(ids));
        List<ResultSummary> found = new ArrayList<>();
        for (Object json : summaries) {
            ResultSummary summary = json == null ? null : ResultCodec.summary((String) json);
            if (summary != null) {
                found.add(summary);
            }
        }
        return found;
    }

    @Override
    public void remove(ResultSummary summary) {
        String owner = OwnerKeys.of(summary.owner());
        redis.delete(VALUE_PREFIX + summary.id());
        redis.opsForZSet().remove(INDEX_PREFIX + owner, summary.id());
        redis.opsForHash().delete(SUMMARY_PREFIX + owner, summary.id());
    }

    @Override
    public void putDomain(String owner, String domain, String value) {
        redis.opsForHash().put(DOMAINS_PREFIX + OwnerKeys.of(owner), domain, value);
    }

    @Override
    public Map<String, String> domains(String owner) {
        Map<String, String> found = new HashMap<>();
        redis.<String, String>opsForHash().entries(DOMAINS_PREFIX + OwnerKeys.of(owner)).forEach(found::put);
        return found;
    }

    @Override
    public void removeDomain(String owner, String domain) {
        redis.opsForHash().delete(DOMAINS_PREFIX + OwnerKeys.of(owner), domain);
    }
}
