package org.checkersmtp.tlsposture;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.Locale;
import org.checkersmtp.observation.EndReason;
import org.checkersmtp.observation.Reply;
import org.checkersmtp.observation.TlsFailure;
import org.checkersmtp.smtp.Deadline;
import org.checkersmtp.smtp.SessionAbort;
import org.checkersmtp.smtp.SmtpConnection;
import org.checkersmtp.smtp.SmtpLimits;
import org.checkersmtp.smtp.Transcript;

/**
 * The shortest SMTP conversation that reaches a TLS handshake — wait for the final 220 line, EHLO,
 * STARTTLS, 220 — spoken through the one SMTP client the prober uses, without a transcript.
 */
final class StartTlsDialer {

    private StartTlsDialer() {}

    /** A plain socket on which the server just answered 220 to STARTTLS, ready for a handshake. */
    static Socket open(InetSocketAddress server, String ehloName, Deadline deadline, SmtpLimits limits)
            throws PostureFailure {
        Socket socket = new Socket();
        boolean handedOver = false;
        try {
            try {
                socket.connect(server, remainingMillis(deadline));
            } catch (IOException e) {
                throw new PostureFailure(deadline.passed() ? TlsFailure.DEADLINE : TlsFailure.TCP_UNREACHABLE,
                        "connect to " + server + ": " + e.getMessage());
            }
            SmtpConnection smtp = connection(socket, deadline, limits);
            expect(talk(smtp::greeting), "greeting");
            Reply ehlo = expect(talk(() -> smtp.ehlo(ehloName)), "EHLO");
            if (ehlo.lines().stream().skip(1).noneMatch(StartTlsDialer::isStartTls)) {
                throw new PostureFailure(TlsFailure.STARTTLS_NOT_OFFERED, "EHLO reply does not advertise STARTTLS");
            }
            expect(talk(smtp::startTls), "STARTTLS");
            handedOver = true;
            return socket;
        } finally {
            if (!handedOver) {
                closeQuietly(socket);
            }
        }
    }

    static int remainingMillis(Deadline deadline) throws PostureFailure {
        try {
            return deadline.socketTimeoutMillis();
        } catch (java.net.SocketTimeoutException e) {
            throw new PostureFailure(TlsFailure.DEADLINE, "deadline reached");
        }
    }

    static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Nothing left to learn from it.
        }
    }

    private static SmtpConnection connection(Socket socket, Deadline deadline, SmtpLimits limits)
            throws PostureFailure {
        try {
            return new SmtpConnection(socket, limits, deadline, Transcript.none(),
                    new SmtpConnection.ByteBudget(limits.maxSessionBytes()), phase -> { });
        } catch (IOException e) {
            throw new PostureFailure(TlsFailure.TCP_UNREACHABLE, e.getMessage());
        }
    }

    private interface Step {
        Reply run() throws SessionAbort;
    }

    /** One reply; a 421 that ended the session is still the reply, to be judged like any other. */
    private static Reply talk(Step step) throws PostureFailure {
        try {
            return step.run();
        } catch (SessionAbort abort) {
            if (abort.reply() != null) {
                return abort.reply();
            }
            throw new PostureFailure(abort.reason() == EndReason.DEADLINE ? TlsFailure.DEADLINE
                    : TlsFailure.TCP_UNREACHABLE, abort.getMessage());
        }
    }

    /** 220 to the greeting and to STARTTLS, 2xx to EHLO. */
    private static Reply expect(Reply reply, String step) throws PostureFailure {
        boolean ok = step.equals("EHLO") ? reply.isPositiveCompletion() : reply.isServiceReady();
        if (!ok) {
            List<String> lines = reply.lines();
            throw new PostureFailure(step.equals("STARTTLS") ? TlsFailure.STARTTLS_REFUSED
                    : TlsFailure.TCP_UNREACHABLE,
                    step + " answered " + reply.code() + " " + (lines.isEmpty() ? "" : lines.get(0)));
        }
        return reply;
    }

    /** An EHLO line after the first that names STARTTLS (its keyword alone, or with parameters). */
    private static boolean isStartTls(String line) {
        String upper = line.toUpperCase(Locale.ROOT);
        return upper.equals("STARTTLS") || upper.startsWith("STARTTLS ");
    }
}
