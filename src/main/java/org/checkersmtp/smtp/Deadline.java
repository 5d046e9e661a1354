package org.checkersmtp.smtp;

import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * An instant on the injected clock past which nothing may wait: the one place that computes the time
 * left, for socket connects, reads, the TLS handshake and the collect's own waits.
 */
public final class Deadline {

    private final Clock clock;
    private final Instant at;

    private Deadline(Clock clock, Instant at) {
        this.clock = clock;
        this.at = at;
    }

    public static Deadline after(Duration timeout, Clock clock) {
        return new Deadline(clock, clock.instant().plus(timeout));
    }

    /** The instant a caller computed on the same clock. */
    public static Deadline at(Instant at, Clock clock) {
        return new Deadline(clock, at);
    }

    /** {@code timeout} from now, or this very deadline (the same object) when it comes first. */
    public Deadline within(Duration timeout) {
        Instant sooner = clock.instant().plus(timeout);
        return sooner.isBefore(at) ? new Deadline(clock, sooner) : this;
    }

    /** This deadline moved later by {@code grace}. */
    public Deadline plus(Duration grace) {
        return new Deadline(clock, at.plus(grace));
    }

    public Duration remaining() {
        Duration left = Duration.between(clock.instant(), at);
        return left.isNegative() ? Duration.ZERO : left;
    }

    public boolean passed() {
        return !clock.instant().isBefore(at);
    }

    /** The time left as a socket timeout (never 0, which would mean "wait forever"). */
    public int socketTimeoutMillis() throws SocketTimeoutException {
        long left = remaining().toMillis();
        if (left <= 0) {
            throw new SocketTimeoutException("session deadline reached");
        }
        return (int) Math.min(Integer.MAX_VALUE, left);
    }
}
