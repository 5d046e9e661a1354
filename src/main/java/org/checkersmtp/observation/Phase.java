package org.checkersmtp.observation;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Where a collect, or one endpoint's session, stands: the phase a session ended in ({@code end.phase}),
 * the phase the collect deadline cut ({@code incomplete}), and the progress events of a running collect.
 * On the wire each phase is its lower-case name ("greeting", "tls_handshake").
 */
public enum Phase {
    /** The MX lookup and the resolution of its targets. */
    DNS_MX,
    /** Waiting for a session slot, or for another session to the same address to end. */
    QUEUE,
    CONNECT,
    /** Waiting for the final "220 " line of the greeting. */
    GREETING,
    EHLO,
    HELO,
    STARTTLS,
    TLS_HANDSHAKE,
    /** EHLO again, inside TLS. */
    EHLO_TLS,
    MAIL,
    RCPT,
    RSET,
    QUIT,
    /** PTR and forward-confirmation lookups of an address. */
    REVERSE_DNS;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The wire name, so that messages and reports that print a phase keep reading "greeting". */
    @Override
    public String toString() {
        return wire();
    }
}
