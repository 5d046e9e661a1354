package org.checkersmtp.tlsposture;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * {@link EndpointAccess} on this process alone: a refusal function (the target policy), a semaphore
 * capping the sibling's open sessions, and one session per address at a time. It does not share its
 * permits with the SMTP collector's pool; the checks run one after the other within a request.
 */
public final class LocalEndpointAccess implements EndpointAccess {

    private final Function<InetAddress, Optional<String>> refusal;
    private final Semaphore sessions;
    private final Map<InetAddress, AddressPermit> perAddress = new HashMap<>();

    private static final class AddressPermit {
        final Semaphore permit = new Semaphore(1, true);
        int users;
    }

    public LocalEndpointAccess(Function<InetAddress, Optional<String>> refusal, int maxParallel) {
        this.refusal = refusal;
        this.sessions = new Semaphore(maxParallel, true);
    }

    @Override
    public Optional<String> refusal(InetAddress address) {
        return refusal.apply(address);
    }

    @Override
    public Optional<Slot> acquire(InetAddress address, Instant deadline) throws InterruptedException {
        AddressPermit entry;
        synchronized (perAddress) {
            entry = perAddress.computeIfAbsent(address, a -> new AddressPermit());
            entry.users++;
        }
        boolean addressHeld = false;
        try {
            addressHeld = entry.permit.tryAcquire(millisUntil(deadline), TimeUnit.MILLISECONDS);
            if (addressHeld && sessions.tryAcquire(millisUntil(deadline), TimeUnit.MILLISECONDS)) {
                AddressPermit held = entry;
                return Optional.of(() -> {
                    sessions.release();
                    held.permit.release();
                    leave(address, held);
                });
            }
        } catch (InterruptedException e) {
            giveBack(address, entry, addressHeld);
            throw e;
        }
        giveBack(address, entry, addressHeld);
        return Optional.empty();
    }

    /** Addresses someone holds or waits for (entries are dropped when nobody does). */
    int trackedAddresses() {
        synchronized (perAddress) {
            return perAddress.size();
        }
    }

    private void giveBack(InetAddress address, AddressPermit entry, boolean addressHeld) {
        if (addressHeld) {
            entry.permit.release();
        }
        leave(address, entry);
    }

    private void leave(InetAddress address, AddressPermit entry) {
        synchronized (perAddress) {
            if (--entry.users == 0) {
                perAddress.remove(address);
            }
        }
    }

    private static long millisUntil(Instant deadline) {
        return Math.max(0, Duration.between(Instant.now(), deadline).toMillis());
    }
}
