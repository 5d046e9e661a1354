package org.checkersmtp.collect;

/** A session slot held outside the collector (see {@link SmtpCollector#holdSlot}); closing it frees it. */
@FunctionalInterface
public interface SessionSlot extends AutoCloseable {
    @Override
    void close();
}
