package org.checkersmtp.collect.smtp;

import org.checkersmtp.observation.Phase;

/** Told by the prober, on the session's own thread, each time the session enters a new phase. */
@FunctionalInterface
public interface PhaseListener {

    void entered(Phase phase);
}
