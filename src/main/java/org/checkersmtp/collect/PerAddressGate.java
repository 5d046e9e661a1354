package org.checkersmtp.collect;

import java.net.InetAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Politeness: at most one SMTP session per target address at a time, across every check running in
 * this process (mail servers rate-limit and blocklist probers that open parallel connections).
 * Entries live only while someone holds or waits for them.
 */
final class PerAddressGate {

    private static final class Entry {
        final Semaphore permit = new Semaphore(1, true);
        int users;
    }

    private final Map<InetAddress, Entry> entries = new HashMap<>();

    /** Waits at most {@code maxWait} for the address; true when the caller now holds it and must {@link #release}. */
    boolean acquire(InetAddress address, Duration maxWait) throws InterruptedException {
        Entry entry;
        synchronized (entries) {
            entry = entries.computeIfAbsent(address, a -> new Entry());
            entry.users++;
        }
        boolean acquired = false;
        try {
            acquired = entry.permit.tryAcquire(Math.max(0, maxWait.toMillis()), TimeUnit.MILLISECONDS);
            return acquired;
        } finally {
            if (!acquired) {
                leave(address, entry);
            }
        }
    }

    void release(InetAddress address) {
        Entry entry;
        synchronized (entries) {
            entry = entries.get(address);
        }
        entry.permit.release();
        leave(address, entry);
    }

    int trackedAddresses() {
        synchronized (entries) {
            return entries.size();
        }
    }

    private void leave(InetAddress address, Entry entry) {
        synchronized (entries) {
            if (--entry.users == 0) {
                entries.remove(address);
            }
        }
    }
}
