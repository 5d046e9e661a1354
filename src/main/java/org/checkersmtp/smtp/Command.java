package org.checkersmtp.smtp;

import org.checkersmtp.observation.Phase;

/** One SMTP command line, and the phase the session is in while its reply is awaited. */
public record Command(Phase phase, String line) {

    public static final Command STARTTLS = new Command(Phase.STARTTLS, "STARTTLS");
    public static final Command RSET = new Command(Phase.RSET, "RSET");
    public static final Command QUIT = new Command(Phase.QUIT, "QUIT");

    public Command {
        // Options are validated before they reach the prober; refusing CR/LF here too keeps any slip off the wire.
        if (line.indexOf('\r') >= 0 || line.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("refusing to send a command containing CR or LF");
        }
    }

    public static Command ehlo(String name, boolean insideTls) {
        return new Command(insideTls ? Phase.EHLO_TLS : Phase.EHLO, "EHLO " + name);
    }

    public static Command helo(String name) {
        return new Command(Phase.HELO, "HELO " + name);
    }

    public static Command mail(String reversePath) {
        return new Command(Phase.MAIL, "MAIL FROM:<" + reversePath + ">");
    }

    public static Command rcpt(String forwardPath) {
        return new Command(Phase.RCPT, "RCPT TO:<" + forwardPath + ">");
    }
}
