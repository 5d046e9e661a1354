package org.checkersmtp.results;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.checkersmtp.observation.SmtpObservation;
import org.checkersmtp.options.CheckOptions;
import org.checkersmtp.rules.CheckState;

/**
 * The rules of stored results over a {@link ResultStore}: a new result gets a fresh id and is private to
 * its owner; an id is checked for syntax before the store sees it; what a viewer may not read (unknown,
 * malformed, expired, someone else's private result) is one and the same "nothing"; past the retention a
 * result is removed when met; an owner keeps at most {@code max-per-user} results (the oldest go first);
 * a result bigger than {@code max-size} is not stored. Time is the injected clock's.
 */
public class Results {

    /** Newest first; of two stored in the same millisecond, the id decides (any fixed order will do). */
    private static final Comparator<ResultSummary> NEWEST_FIRST = Comparator
            .comparingLong(ResultSummary::createdMillis).thenComparing(ResultSummary::id).reversed();

    private final ResultStore store;
    private final ResultsProperties properties;
    private final Clock clock;
    private final ResultsObserver observer;

    public Results(ResultStore store, ResultsProperties properties, Clock clock, ResultsObserver observer) {
        this.store = store;
        this.properties = properties;
        this.clock = clock;
        this.observer = observer;
    }

    /** Stores a check for its owner, private; empty when it is bigger than {@code checker.results.max-size}. */
    public Optional<StoredResult> save(String owner, CheckOptions options, SmtpObservation observation,
                                       List<CheckState> states) {
        return save(owner, options, observation, states, Visibility.PRIVATE);
    }

    /** Stores a check for its owner with this visibility; empty when it is bigger than {@code max-size}. */
    public Optional<StoredResult> save(String owner, CheckOptions options, SmtpObservation observation,
                                       List<CheckState> states, Visibility visibility) {
        StoredResult result = new StoredResult(ResultIds.next(), owner, options, clock.millis(), visibility,
                observation, states);
        String value = ResultCodec.encode(result);
        if (value.getBytes(StandardCharsets.UTF_8).length > properties.maxSize().toBytes()) {
            observer.tooLarge();
            return Optional.empty();
        }
        List<ResultSummary> kept = live(owner);
        for (int i = properties.maxPerUser() - 1; i < kept.size(); i++) {
            store.remove(kept.get(i));
        }
        store.put(result.summary(), value, properties.retention());
        observer.stored();
        return Optional.of(result);
    }

    /**
     * The result if {@code viewer} may read it: its owner always, anyone (null: not signed in) when it is
     * public. Empty for a malformed, unknown, expired or someone else's private id alike.
     *
     * @throws UnreadableResultException the stored value is damaged
     */
    public Optional<StoredResult> read(String id, String viewer) {
        Optional<StoredResult> found = find(id).filter(r -> r.isPublic() || r.owner().equals(viewer));
        found.ifPresent(r -> observer.served());
        return found;
    }

    /** The result if {@code owner} owns it (for the owner's actions), else empty. */
    public Optional<StoredResult> owned(String id, String owner) {
        return find(id).filter(r -> r.owner().equals(owner));
    }

    private Optional<StoredResult> find(String id) {
        if (!ResultIds.wellFormed(id)) {
            return Optional.empty();
        }
        Optional<StoredResult> found = store.value(id).map(json -> ResultCodec.result(id, json));
        if (found.isPresent() && expired(found.get().createdMillis())) {
            store.remove(found.get().summary());
            observer.expired();
            return Optional.empty();
        }
        return found;
    }

    /** Makes the owner's result public or private again; false when it is not theirs (or gone). */
    public boolean setVisibility(String id, String owner, Visibility visibility) {
        Optional<StoredResult> mine = owned(id, owner);
        mine.ifPresent(r -> {
            StoredResult changed = r.withVisibility(visibility);
            store.put(changed.summary(), ResultCodec.encode(changed), left(r.createdMillis()));
        });
        return mine.isPresent();
    }

    /** Deletes the owner's result from the store (a damaged one too); false when it is not theirs. */
    public boolean delete(String id, String owner) {
        if (!ResultIds.wellFormed(id)) {
            return false;
        }
        Optional<ResultSummary> entry = store.index(owner).stream().filter(s -> s.id().equals(id)).findFirst();
        entry.ifPresent(store::remove);
        return entry.isPresent();
    }

    /**
     * The owner's results, newest first, {@code size} a page, only those of {@code domain} when given (as
     * typed: case and a trailing dot do not matter).
     */
    public HistoryPage history(String owner, String domain, int page, int size) {
        String wanted = domain == null ? "" : domain.trim().toLowerCase(Locale.ROOT).replaceAll("\\.$", "");
        List<ResultSummary> all = live(owner).stream()
                .filter(s -> wanted.isEmpty() || s.domain().equals(wanted))
                .toList();
        int from = Math.min(Math.max(page, 0) * size, all.size());
        int to = Math.min(from + size, all.size());
        return new HistoryPage(all.subList(from, to), Math.max(page, 0), to < all.size());
    }

    /**
     * The owner's latest result of the same domain and options before this one, if they kept one (a damaged
     * one is passed over: the comparison is a bonus).
     */
    public Optional<StoredResult> previous(StoredResult result) {
        String options = StoredResult.optionsKey(result.options());
        ResultSummary self = result.summary();
        return live(result.owner()).stream()
                .filter(s -> s.optionsKey().equals(options) && NEWEST_FIRST.compare(s, self) > 0)
                .findFirst()
                .flatMap(s -> {
                    try {
                        return owned(s.id(), result.owner());
                    } catch (UnreadableResultException e) {
                        return Optional.empty();
                    }
                });
    }

    /** The owner's index without what expired (removed on the way), newest first. */
    private List<ResultSummary> live(String owner) {
        List<ResultSummary> live = new ArrayList<>();
        for (ResultSummary summary : store.index(owner)) {
            if (expired(summary.createdMillis())) {
                store.remove(summary);
                observer.expired();
            } else {
                live.add(summary);
            }
        }
        live.sort(NEWEST_FIRST);
        return live;
    }

    private boolean expired(long createdMillis) {
        return clock.millis() >= createdMillis + properties.retention().toMillis();
    }

    private Duration left(long createdMillis) {
        return Duration.ofMillis(Math.max(1, createdMillis + properties.retention().toMillis() - clock.millis()));
    }
}
