package org.checkersmtp.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.checkersmtp.options.CheckOptions;
import org.checkersmtp.rules.CheckState;
import org.checkersmtp.rules.Status;
import org.checkersmtp.testsupport.MutableClock;
import org.checkersmtp.testsupport.SampleObservations;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/**
 * What {@link Results} promises, over each {@link ResultStore} (a subclass per store: the same tests on
 * local disk and on a real Redis): ids, owners and visibility, delete, history, the previous result,
 * the count and size bounds, and expiry on the injected clock; and the users' domain records beside the
 * results, per owner, in their own key space.
 */
abstract class ResultStoreContractTest {

    static final Duration RETENTION = Duration.ofDays(30);
    static final int MAX_PER_USER = 3;

    final MutableClock clock = new MutableClock(Instant.parse("2026-05-01T10:00:00Z"));
    final Counting observer = new Counting();
    Results results;
    ResultStore store;

    /** A store with nothing in it, on {@link #clock}. */
    abstract ResultStore emptyStore();

    /** Writes bytes that are not a result under the id, as damage on disk or in Redis would. */
    abstract void damage(String id);

    @BeforeEach
    void open() {
        store = emptyStore();
        results = results(DataSize.ofMegabytes(2));
    }

    Results results(DataSize maxSize) {
        return new Results(store, new ResultsProperties("", RETENTION, MAX_PER_USER, maxSize), clock, observer);
    }

    static final class Counting implements ResultsObserver {
        int stored;
        int tooLarge;
        int served;
        int expired;

        @Override
        public void stored() {
            stored++;
        }

        @Override
        public void tooLarge() {
            tooLarge++;
        }

        @Override
        public void served() {
            served++;
        }

        @Override
        public void expired() {
            expired++;
        }
    }

    static final List<CheckState> STATES = List.of(
            new CheckState(Status.CRIT, "open relay", "smtp.open_relay", "smtp.open_relay", "mx1.example.com/192.0.2.25",
                    Map.of()));

    StoredResult save(String owner, String domain) {
        clock.advance(Duration.ofSeconds(1));
        return results.save(owner, CheckOptions.defaults(domain), SampleObservations.oneGoodEndpoint(), STATES)
                .orElseThrow();
    }

    @Test
    void aStoredResultReadsBackWhole_andIsPrivateToItsOwner() {
        StoredResult saved = save("alice", "example.com");

        assertThat(ResultIds.wellFormed(saved.id())).isTrue();
        StoredResult read = results.read(saved.id(), "alice").orElseThrow();
        assertThat(read.observation()).isEqualTo(saved.observation());
        assertThat(read.states()).isEqualTo(STATES);
        assertThat(read.options()).isEqualTo(CheckOptions.defaults("example.com"));
        assertThat(read.created()).isEqualTo(saved.created());
        assertThat(read.visibility()).isEqualTo(Visibility.PRIVATE);
        assertThat(read.result().verdict()).isEqualTo(Status.CRIT);
        assertThat(results.read(saved.id(), "bob")).isEmpty();
        assertThat(results.read(saved.id(), null)).isEmpty();
        assertThat(observer.stored).isEqualTo(1);
        assertThat(observer.served).isEqualTo(1);
    }

    @Test
    void idsAreFreshEachTime() {
        assertThat(save("alice", "example.com").id()).isNotEqualTo(save("alice", "example.com").id());
    }

    @Test
    void publicIsReadableByAnyone_untilMadePrivateAgain_andOnlyTheOwnerMayChangeIt() {
        StoredResult saved = save("alice", "example.com");

        assertThat(results.setVisibility(saved.id(), "bob", Visibility.PUBLIC)).isFalse();
        assertThat(results.read(saved.id(), null)).isEmpty();
        assertThat(results.setVisibility(saved.id(), "alice", Visibility.PUBLIC)).isTrue();
        assertThat(results.read(saved.id(), null)).isPresent();
        assertThat(results.read(saved.id(), "bob")).isPresent();
        assertThat(results.history("alice", null, 0, 10).results()).extracting(ResultSummary::visibility)
                .containsExactly(Visibility.PUBLIC);
        assertThat(results.setVisibility(saved.id(), "alice", Visibility.PRIVATE)).isTrue();
        assertThat(results.read(saved.id(), null)).isEmpty();
    }

    @Test
    void deleteRemovesFromTheStore_onlyForTheOwner() {
        StoredResult saved = save("alice", "example.com");

        assertThat(results.delete(saved.id(), "bob")).isFalse();
        assertThat(results.delete(saved.id(), "alice")).isTrue();
        assertThat(store.value(saved.id())).isEmpty();
        assertThat(store.index("alice")).isEmpty();
        assertThat(results.read(saved.id(), "alice")).isEmpty();
    }

    @Test
    void historyIsNewestFirst_paged_filteredByDomain_andPerOwner() {
        StoredResult a = save("alice", "example.com");
        StoredResult b = save("alice", "example.org");
        StoredResult c = save("alice", "example.com");
        save("bob", "example.com");

        HistoryPage first = results.history("alice", null, 0, 2);
        assertThat(first.results()).extracting(ResultSummary::id).containsExactly(c.id(), b.id());
        assertThat(first.hasNext()).isTrue();
        HistoryPage second = results.history("alice", null, 1, 2);
        assertThat(second.results()).extracting(ResultSummary::id).containsExactly(a.id());
        assertThat(second.hasNext()).isFalse();
        assertThat(results.history("alice", "Example.COM", 0, 10).results()).extracting(ResultSummary::id)
                .containsExactly(c.id(), a.id());
        assertThat(first.results().get(0).verdict()).isEqualTo(Status.CRIT);
    }

    @Test
    void previousIsTheOwnersLatestEarlierResultOfTheSameDomainAndOptions() {
        StoredResult first = save("alice", "example.com");
        clock.advance(Duration.ofSeconds(1));
        results.save("alice", CheckOptions.defaults("example.com").withProbes(Set.of()),
                SampleObservations.oneGoodEndpoint(), STATES);
        save("bob", "example.com");
        StoredResult second = save("alice", "example.com");

        assertThat(results.previous(second)).map(StoredResult::id).hasValue(first.id());
        assertThat(results.previous(first)).isEmpty();
    }

    @Test
    void anOwnerKeepsAtMostMaxPerUser_theOldestGoFirst() {
        StoredResult oldest = save("alice", "example.com");
        StoredResult kept = save("alice", "example.com");
        save("alice", "example.com");
        save("alice", "example.com");

        assertThat(results.history("alice", null, 0, 10).results()).hasSize(MAX_PER_USER)
                .extracting(ResultSummary::id).doesNotContain(oldest.id()).contains(kept.id());
        assertThat(store.value(oldest.id())).isEmpty();
    }

    @Test
    void aResultBiggerThanMaxSizeIsNotStored() {
        Results small = results(DataSize.ofBytes(500));

        Optional<StoredResult> saved = small.save("alice", CheckOptions.defaults("example.com"),
                SampleObservations.oneGoodEndpoint(), STATES);

        assertThat(saved).isEmpty();
        assertThat(store.index("alice")).isEmpty();
        assertThat(observer.tooLarge).isEqualTo(1);
    }

    @Test
    void pastTheRetentionAResultIsGone_likeAnUnknownOne() {
        StoredResult saved = save("alice", "example.com");
        results.setVisibility(saved.id(), "alice", Visibility.PUBLIC);

        clock.advance(RETENTION.minusMinutes(1));
        assertThat(results.read(saved.id(), null)).isPresent();
        clock.advance(Duration.ofMinutes(1));

        assertThat(results.read(saved.id(), "alice")).isEmpty();
        assertThat(store.value(saved.id())).isEmpty();
        assertThat(results.history("alice", null, 0, 10).results()).isEmpty();
        assertThat(observer.expired).isEqualTo(1);
    }

    @Test
    void expiredEntriesLeaveTheHistory_evenUnread() {
        save("alice", "example.com");
        clock.advance(RETENTION);
        StoredResult fresh = save("alice", "example.com");

        assertThat(results.history("alice", null, 0, 10).results()).extracting(ResultSummary::id)
                .containsExactly(fresh.id());
        assertThat(results.previous(fresh)).isEmpty();
    }

    @Test
    void malformedIdsNeverReachTheStore() {
        ResultStore refusing = new ResultStore() {
            @Override
            public void put(ResultSummary summary, String value, Duration keep) {
                throw new AssertionError("put");
            }

            @Override
            public Optional<String> value(String id) {
                throw new AssertionError("looked up " + id);
            }

            @Override
            public List<ResultSummary> index(String owner) {
                throw new AssertionError("index");
            }

            @Override
            public void remove(ResultSummary summary) {
                throw new AssertionError("remove");
            }

            @Override
            public void putDomain(String owner, String domain, String value) {
                throw new AssertionError("putDomain");
            }

            @Override
            public Map<String, String> domains(String owner) {
                throw new AssertionError("domains");
            }

            @Override
            public void removeDomain(String owner, String domain) {
                throw new AssertionError("removeDomain");
            }
        };
        Results guarded = new Results(refusing, new ResultsProperties("", RETENTION, 3, DataSize.ofMegabytes(1)),
                clock, observer);
        for (String hostile : HostileIds.ALL) {
            assertThat(guarded.read(hostile, "alice")).as(hostile).isEmpty();
            assertThat(guarded.owned(hostile, "alice")).as(hostile).isEmpty();
            assertThat(guarded.setVisibility(hostile, "alice", Visibility.PUBLIC)).as(hostile).isFalse();
            assertThat(guarded.delete(hostile, "alice")).as(hostile).isFalse();
        }
    }

    @Test
    void aDamagedValueIsSaidSo_andCanStillBeDeleted() {
        StoredResult saved = save("alice", "example.com");
        damage(saved.id());

        assertThatThrownBy(() -> results.read(saved.id(), "alice")).isInstanceOf(UnreadableResultException.class);
        assertThat(results.delete(saved.id(), "alice")).isTrue();
        assertThat(results.read(saved.id(), "alice")).isEmpty();
    }

    @Test
    void ownersWithAnyCharactersAreKeptApart() {
        StoredResult odd = save("https://issuer.example/ sub*?[x]\u00e9/../", "example.com");
        save("https://issuer.example/", "example.com");

        assertThat(results.history("https://issuer.example/ sub*?[x]\u00e9/../", null, 0, 10).results())
                .extracting(ResultSummary::id).containsExactly(odd.id());
    }

    @Test
    void domainRecordsArePerOwner_replacedByDomain_removable_andApartFromTheResults() {
        StoredResult saved = save("alice", "example.com");
        store.putDomain("alice", "example.com", "first");
        store.putDomain("alice", "example.com", "second");
        store.putDomain("alice", "example.net", "other");
        store.putDomain("oidc:https://idp.test/#alice/x*", "example.com", "hers");

        assertThat(store.domains("alice")).isEqualTo(Map.of("example.com", "second", "example.net", "other"));
        assertThat(store.domains("oidc:https://idp.test/#alice/x*")).isEqualTo(Map.of("example.com", "hers"));
        assertThat(store.domains("bob")).isEmpty();
        assertThat(store.index("alice")).extracting(ResultSummary::id).containsExactly(saved.id());

        store.removeDomain("alice", "example.com");
        store.removeDomain("alice", "never.example");
        assertThat(store.domains("alice")).isEqualTo(Map.of("example.net", "other"));
        assertThat(results.read(saved.id(), "alice")).isPresent();
    }

    @Test
    void domainRecordsOutliveTheResultsRetention() {
        store.putDomain("alice", "example.com", "proof");
        save("alice", "example.com");
        clock.advance(RETENTION.plusDays(1));

        assertThat(results.history("alice", null, 0, 10).results()).isEmpty();
        assertThat(store.domains("alice")).containsEntry("example.com", "proof");
    }
}
