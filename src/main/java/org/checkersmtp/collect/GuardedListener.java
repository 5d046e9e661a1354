package org.checkersmtp.collect;

import java.time.Duration;
import java.util.List;
import org.checkersmtp.collect.smtp.EndpointTarget;
import org.checkersmtp.observation.EndpointProbe;
import org.checkersmtp.observation.MxLookup;
import org.checkersmtp.observation.Phase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A listener whose failures are logged, never thrown into the collect that calls it. */
final class GuardedListener implements CollectListener {

    private static final Logger log = LoggerFactory.getLogger(GuardedListener.class);

    private final CollectListener delegate;

    GuardedListener(CollectListener delegate) {
        this.delegate = delegate;
    }

    @Override
    public void mxLookupFinished(MxLookup mx, List<EndpointTarget> endpoints) {
        guard("mxLookupFinished", () -> delegate.mxLookupFinished(mx, endpoints));
    }

    @Override
    public void phaseEntered(EndpointTarget endpoint, Phase phase, Phase previous, Duration previousTook) {
        guard("phaseEntered", () -> delegate.phaseEntered(endpoint, phase, previous, previousTook));
    }

    @Override
    public void endpointFinished(EndpointTarget endpoint, EndpointProbe probe, Duration lastPhaseTook) {
        guard("endpointFinished", () -> delegate.endpointFinished(endpoint, probe, lastPhaseTook));
    }

    private void guard(String event, Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            log.warn("collect listener {} failed on {}; the collect goes on", delegate.getClass().getName(), event, e);
        }
    }
}
