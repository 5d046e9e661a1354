package org.checkersmtp.collect;

import java.time.Duration;
import org.checkersmtp.collect.smtp.EndpointTarget;
import org.checkersmtp.collect.smtp.PhaseListener;
import org.checkersmtp.observation.EndpointProbe;
import org.checkersmtp.observation.Phase;

/**
 * One endpoint's progress, told to the collect's listener: the phase it is in and since when, so that
 * each event carries how long the phase before it took. Once the endpoint is finished, nothing more is
 * told, so that a session still running when its collect has returned stays silent.
 */
final class EndpointProgress implements PhaseListener {

    private final EndpointTarget endpoint;
    private final CollectListener listener;
    private Phase phase;
    private long enteredNanos;
    private boolean finished;

    EndpointProgress(EndpointTarget endpoint, CollectListener listener) {
        this.endpoint = endpoint;
        this.listener = listener;
    }

    @Override
    public synchronized void entered(Phase next) {
        if (finished) {
            return;
        }
        Phase left = phase;
        Duration took = sinceEntered();
        phase = next;
        enteredNanos = System.nanoTime();
        listener.phaseEntered(endpoint, next, left, took);
    }

    /** The phase the endpoint is in, or null before the first. */
    synchronized Phase phase() {
        return phase;
    }

    /** Tells the listener the endpoint is done; the first call counts, any later one is ignored. */
    synchronized void finish(EndpointProbe probe) {
        if (finished) {
            return;
        }
        finished = true;
        listener.endpointFinished(endpoint, probe, sinceEntered());
    }

    private Duration sinceEntered() {
        return phase == null ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - enteredNanos);
    }
}
