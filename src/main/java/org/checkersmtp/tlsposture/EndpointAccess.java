package org.checkersmtp.tlsposture;

import java.net.InetAddress;
import java.time.Instant;
import java.util.Optional;

/**
 * The seam through which the TLS sibling obtains the right to open connections to a mail server, so
 * that its connections obey the same rules as the SMTP probe's: the target policy (which addresses
 * may be contacted), the process-wide parallelism cap, and one connection at a time per address.
 */
public interface EndpointAccess {

    /** Why this address must not be contacted, or empty when it may be. */
    Optional<String> refusal(InetAddress address);

    /**
     * Waits until {@code deadline} for a slot to {@code address}; empty when none came in time. The
     * caller holds the slot for all its connections to the address and closes it when done.
     */
    Optional<Slot> acquire(InetAddress address, Instant deadline) throws InterruptedException;

    /** A held slot; closing it lets the next session to the address (or anywhere) start. */
    interface Slot extends AutoCloseable {
        @Override
        void close();
    }
}
