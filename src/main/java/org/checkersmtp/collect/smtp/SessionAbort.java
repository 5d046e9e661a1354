package org.checkersmtp.collect.smtp;

import org.checkersmtp.observation.EndReason;

/** Ends a session early: the reason and the detail go into the observation's {@code end}. */
final class SessionAbort extends Exception {

    private final EndReason reason;

    SessionAbort(EndReason reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    EndReason reason() {
        return reason;
    }
}
