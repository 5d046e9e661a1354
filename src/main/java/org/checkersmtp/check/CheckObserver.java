package org.checkersmtp.check;

import org.checkersmtp.collect.CollectListener;
import org.checkersmtp.rules.Status;

/**
 * Hears every check the pipeline runs, from every entry point: the seam the metrics plug into
 * (metrics.CheckMeters), so that what is measured of a check is measured in one place.
 */
public interface CheckObserver {

    CheckObserver NONE = entryPoint -> new Run() {
        @Override
        public void finished(Status verdict) {
        }

        @Override
        public void failed(Throwable failure) {
        }
    };

    /** A check begins; the run hears its collect's progress, then exactly one of its ends. */
    Run started(EntryPoint entryPoint);

    /** One check: its collect's events (on the probing threads, see {@link CollectListener}), then its end. */
    interface Run extends CollectListener {

        /**
         * The check ended with an observation: {@code verdict} is the result's verdict when the pipeline
         * evaluated it, null when it only collected (happyDomain evaluates later, on /evaluate).
         */
        void finished(Status verdict);

        /** The check ended with an exception (a bug, or the JVM out of a resource): no observation. */
        void failed(Throwable failure);
    }
}
