package org.checkersmtp.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.checkersmtp.options.CheckOptions;
import org.checkersmtp.testsupport.SampleObservations;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

/** The contract on local disk, plus what only a file has: it is still there after the store is closed and opened. */
class MvStoreResultStoreTest extends ResultStoreContractTest {

    @TempDir
    Path directory;

    private MvStoreResultStore disk;

    @Override
    ResultStore emptyStore() {
        disk = new MvStoreResultStore(directory, clock);
        return disk;
    }

    @AfterEach
    void close() {
        disk.close();
    }

    @Override
    void damage(String id) {
        disk.close();
        try (MVStore file = MVStore.open(directory.resolve(MvStoreResultStore.FILE).toString())) {
            file.<String, String>openMap("check.values").put(id, "{\"id\":\"" + id + "\",\"observation\":[1,");
            file.commit();
        }
    }

    @Test
    void resultsOutliveTheStore() {
        StoredResult saved = save("alice", "example.com");
        disk.close();

        store = emptyStore();
        results = results(DataSize.ofMegabytes(2));

        assertThat(Files.exists(directory.resolve(MvStoreResultStore.FILE))).isTrue();
        assertThat(results.read(saved.id(), "alice")).map(StoredResult::observation)
                .hasValue(SampleObservations.oneGoodEndpoint());
        assertThat(results.history("alice", null, 0, 10).results()).hasSize(1);
    }

    @Test
    void domainRecordsOutliveTheStore() {
        store.putDomain("alice", "example.com", "proof");
        disk.close();

        store = emptyStore();

        assertThat(store.domains("alice")).containsEntry("example.com", "proof");
    }

    @Test
    void opensItsFileOnFirstUseOnly() {
        disk.close();
        Path elsewhere = directory.resolve("not-yet");
        try (MvStoreResultStore lazy = new MvStoreResultStore(elsewhere, clock)) {
            assertThat(elsewhere).doesNotExist();
            new Results(lazy, new ResultsProperties("", RETENTION, 3, DataSize.ofMegabytes(1)), clock, observer)
                    .save("alice", CheckOptions.defaults("example.com"), SampleObservations.oneGoodEndpoint(), STATES);
            assertThat(elsewhere.resolve(MvStoreResultStore.FILE)).exists();
        }
    }

    @Test
    void expiredResultsAreSweptWhenTheStoreOpens() {
        StoredResult saved = save("alice", "example.com");
        disk.close();
        clock.advance(RETENTION.plusSeconds(1));

        MvStoreResultStore reopened = new MvStoreResultStore(directory, clock);
        assertThat(reopened.index("alice")).isEmpty();
        assertThat(reopened.value(saved.id())).isEmpty();
        disk = reopened;
    }
}
