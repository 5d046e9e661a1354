package org.checkersmtp.collect;

import java.time.Duration;
import java.util.List;
import org.checkersmtp.collect.smtp.EndpointTarget;
import org.checkersmtp.observation.EndpointProbe;
import org.checkersmtp.observation.MxLookup;
import org.checkersmtp.observation.Phase;

/**
 * Progress of one collect, as it happens: for a live progress page, or per-phase metrics. The
 * collector calls it when the prober enters each phase — never from a timer.
 *
 * <p>Threads: {@link #mxLookupFinished} comes from the thread that called {@code collect}; endpoint
 * events come from the threads that probe, so events of different endpoints may arrive at the same
 * time and an implementation must be thread-safe. Events of one endpoint arrive in order, one at a
 * time (each happens-before the next), all after {@link #mxLookupFinished} and all before
 * {@code collect} returns. They run on the probing thread: keep them quick. An exception thrown here is
 * logged and ignored; it never changes the collect.
 */
public interface CollectListener {

    CollectListener NONE = new CollectListener() { };

    /**
     * The MX lookup ended (or the collect deadline cut it).
     *
     * @param endpoints every address about to be probed, in the observation's order, those the target
     *                  policy refuses included
     */
    default void mxLookupFinished(MxLookup mx, List<EndpointTarget> endpoints) {
    }

    /**
     * An endpoint entered a phase: {@link Phase#QUEUE} first, then the phases of its SMTP session (an
     * endpoint the target policy refuses enters none).
     *
     * @param previous     the phase it left, null for the first
     * @param previousTook how long it spent in {@code previous} (zero for the first)
     */
    default void phaseEntered(EndpointTarget endpoint, Phase phase, Phase previous, Duration previousTook) {
    }

    /**
     * An endpoint is done: its session ended, or it was never contacted (policy, collect deadline).
     * The probe is as the session left it: reverse DNS is joined later, in the observation.
     *
     * @param lastPhaseTook how long it spent in the last phase it entered (zero when it entered none)
     */
    default void endpointFinished(EndpointTarget endpoint, EndpointProbe probe, Duration lastPhaseTook) {
    }

    /** This listener, then {@code next}, told every event (the pipeline's metrics beside a caller's progress). */
    default CollectListener andThen(CollectListener next) {
        CollectListener first = this;
        return new CollectListener() {
            @Override
            public void mxLookupFinished(MxLookup mx, List<EndpointTarget> endpoints) {
                first.mxLookupFinished(mx, endpoints);
                next.mxLookupFinished(mx, endpoints);
            }

            @Override
            public void phaseEntered(EndpointTarget endpoint, Phase phase, Phase previous, Duration previousTook) {
                first.phaseEntered(endpoint, phase, previous, previousTook);
                next.phaseEntered(endpoint, phase, previous, previousTook);
            }

            @Override
            public void endpointFinished(EndpointTarget endpoint, EndpointProbe probe, Duration lastPhaseTook) {
                first.endpointFinished(endpoint, probe, lastPhaseTook);
                next.endpointFinished(endpoint, probe, lastPhaseTook);
            }
        };
    }
}
