package org.checkersmtp.options;

import java.nio.charset.StandardCharsets;
import org.checkersmtp.i18n.Text;

/**
 * RFC 5321 §4.5.3.1 size limits on what the prober writes into MAIL FROM and RCPT TO. A server may
 * refuse a longer path, so a finding about it would be about our own input: such an option is refused
 * before anything reaches the wire.
 */
public final class SmtpPaths {

    /** §4.5.3.1.3: a reverse- or forward-path, angle brackets included. */
    public static final int MAX_PATH_OCTETS = 256;
    /** §4.5.3.1.1. */
    public static final int MAX_LOCAL_PART_OCTETS = 64;
    /** The mailbox we ask about at the tested domain, and the sender we use at our own HELO name. */
    public static final String POSTMASTER = "postmaster";

    private SmtpPaths() {}

    /** Octets of {@code <mailbox>} on the wire. */
    public static int pathOctets(String mailbox) {
        return mailbox.getBytes(StandardCharsets.US_ASCII).length + 2;
    }

    /** Refuses the option when {@code mailbox}, as sent in {@code command}, would exceed the path limit. */
    static void requireFits(String option, String mailbox, Text command) {
        int octets = pathOctets(mailbox);
        if (octets > MAX_PATH_OCTETS) {
            throw new InvalidOptionException(option, Text.of("option.error.path_too_long", "command", command,
                    "octets", octets, "path", abbreviate(mailbox), "max", MAX_PATH_OCTETS));
        }
    }

    private static String abbreviate(String mailbox) {
        int at = mailbox.lastIndexOf('@');
        return at < 0 || mailbox.length() - at < 24 ? mailbox : mailbox.substring(0, at + 9) + "…"
                + mailbox.substring(mailbox.length() - 8);
    }
}
