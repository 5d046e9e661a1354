package org.checkersmtp.smtp;

import org.checkersmtp.observation.EndReason;
import org.checkersmtp.observation.Reply;

/** Ends a session early: the reason and the detail go into the observation's {@code end}. */
public final class SessionAbort extends Exception {

    private final EndReason reason;
    private final transient Reply reply;

    public SessionAbort(EndReason reason, String detail) {
        this(reason, detail, null);
    }

    /** Ended by what the server answered (a 421): the reply still belongs in the observation. */
    public SessionAbort(EndReason reason, String detail, Reply reply) {
        super(detail, null, false, false);
        this.reason = reason;
        this.reply = reply;
    }

    public EndReason reason() {
        return reason;
    }

    /** The reply that ended the session, or null when it was not an answer that did. */
    public Reply reply() {
        return reply;
    }
}
