package org.checkersmtp.results;

import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * Results on local disk, in one H2 MVStore file ({@code results.mv.db} under {@code checker.results.directory}):
 * a map of values by id, an index map keyed {@code <owner key>/<id>} (a prefix scan lists one owner), and each
 * value's expiry, swept when the store opens; and the users' domain records, keyed {@code <owner key>/<domain>} (a result nobody reads again does not outlive the retention by
 * more than a restart). Every change is committed before the call returns, so a restart loses nothing.
 * The file opens on first use, not at start-up: an image build that starts the context once (the class
 * data archive) must not create it. No directory: kept in memory only (lost at restart).
 */
final class MvStoreResultStore implements ResultStore, AutoCloseable {

    static final String FILE = "results.mv.db";

    private final Path directory;
    private final Clock clock;
    private MVStore store;
    private MVMap<String, String> values;
    private MVMap<String, String> index;
    private MVMap<String, Long> expiries;
    private MVMap<String, String> domains;

    /** @param directory where the file lives, or null for memory only */
    MvStoreResultStore(Path directory, Clock clock) {
        this.directory = directory;
        this.clock = clock;
    }

    private synchronized MVStore open() {
        if (store == null) {
            MVStore.Builder builder = new MVStore.Builder().autoCommitDisabled();
            if (directory != null) {
                try {
                    Files.createDirectories(directory);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot create checker.results.directory " + directory, e);
                }
                builder.fileName(directory.resolve(FILE).toString());
            }
            store = builder.open();
            values = store.openMap("check.values");
            index = store.openMap("check.index");
            expiries = store.openMap("check.expiries");
            domains = store.openMap("domain.records");
            sweep();
        }
        return store;
    }

    private void sweep() {
        long now = clock.millis();
        Set<String> expired = new HashSet<>();
        for (Map.Entry<String, Long> entry : expiries.entrySet()) {
            if (entry.getValue() < now) {
                expired.add(entry.getKey());
            }
        }
        if (expired.isEmpty()) {
            return;
        }
        for (String key : new ArrayList<>(index.keySet())) {
            if (expired.contains(key.substring(key.indexOf('/') + 1))) {
                index.remove(key);
            }
        }
        expired.forEach(id -> {
            values.remove(id);
            expiries.remove(id);
        });
        store.commit();
    }

    @Override
    public synchronized void put(ResultSummary summary, String value, Duration keep) {
        MVStore s = open();
        values.put(summary.id(), value);
        index.put(indexKey(summary.owner(), summary.id()), ResultCodec.encode(summary));
        expiries.put(summary.id(), clock.millis() + keep.toMillis());
        s.commit();
    }

    @Override
    public synchronized Optional<String> value(String id) {
        open();
        return Optional.ofNullable(values.get(id));
    }

    @Override
    public synchronized List<ResultSummary> index(String owner) {
        open();
        String prefix = OwnerKeys.of(owner) + "/";
        List<ResultSummary> found = new ArrayList<>();
        for (Iterator<String> keys = index.keyIterator(prefix); keys.hasNext(); ) {
            String key = keys.next();
            if (!key.startsWith(prefix)) {
                break;
            }
            ResultSummary summary = ResultCodec.summary(index.get(key));
            if (summary != null) {
                found.add(summary);
            }
        }
        return found;
    }

    @Override
    public synchronized void remove(ResultSummary summary) {
        MVStore s = open();
        values.remove(summary.id());
        expiries.remove(summary.id());
        index.remove(indexKey(summary.owner(), summary.id()));
        s.commit();
    }

    @Override
    public synchronized void putDomain(String owner, String domain, String value) {
        MVStore s = open();
        domains.put(indexKey(owner, domain), value);
        s.commit();
    }

    @Override
    public synchronized Map<String, String> domains(String owner) {
        open();
        String prefix = OwnerKeys.of(owner) + "/";
        Map<String, String> found = new HashMap<>();
        for (Iterator<String> keys = domains.keyIterator(prefix); keys.hasNext(); ) {
            String key = keys.next();
            if (!key.startsWith(prefix)) {
                break;
            }
            found.put(key.substring(prefix.length()), domains.get(key));
        }
        return found;
    }

    @Override
    public synchronized void removeDomain(String owner, String domain) {
        MVStore s = open();
        domains.remove(indexKey(owner, domain));
        s.commit();
    }

    private static String indexKey(String owner, String id) {
        return OwnerKeys.of(owner) + "/" + id;
    }

    @Override
    @PreDestroy
    public synchronized void close() {
        if (store != null) {
            store.close();
            store = null;
        }
    }
}
