package org.checkersmtp.tlsposture;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The shortest SMTP conversation that reaches a TLS handshake: wait for the final 220 line, EHLO,
 * STARTTLS, 220. The SMTP prober's own connection is package-private to it (and records a transcript
 * we do not need), so this is a minimal dialect of our own with the same kind of bounds: a line
 * length, a line count per reply, a byte budget and one deadline for everything.
 */
final class StartTlsDialer {

    static final int MAX_LINE = 2048;
    static final int MAX_LINES = 100;
    static final int MAX_BYTES = 64 * 1024;

    private StartTlsDialer() {}

    /** A plain socket on which the server just answered 220 to STARTTLS, ready for a handshake. */
    static Socket open(InetSocketAddress server, String ehloName, Instant deadline) throws PostureFailure {
        Socket socket = new Socket();
        boolean handedOver = false;
        try {
            try {
                socket.connect(server, remainingMillis(deadline));
            } catch (IOException e) {
                throw new PostureFailure(Instant.now().isBefore(deadline) ? PostureFailure.TCP_UNREACHABLE
                        : PostureFailure.DEADLINE, "connect to " + server + ": " + e.getMessage());
            }
            Reader reader = new Reader(socket, deadline);
            expect(reader.reply(), 220, "greeting");
            send(socket, "EHLO " + ehloName);
            String ehlo = expect(reader.reply(), 250, "EHLO");
            if (!ehlo.toUpperCase(java.util.Locale.ROOT).matches("(?s).*(^|\n)STARTTLS( .*)?(\n|$).*")) {
                throw new PostureFailure(PostureFailure.STARTTLS_NOT_OFFERED, "EHLO reply does not advertise STARTTLS");
            }
            send(socket, "STARTTLS");
            expect(reader.reply(), 220, "STARTTLS");
            handedOver = true;
            return socket;
        } finally {
            if (!handedOver) {
                closeQuietly(socket);
            }
        }
    }

    static int remainingMillis(Instant deadline) throws PostureFailure {
        long ms = deadline.toEpochMilli() - System.currentTimeMillis();
        if (ms <= 0) {
            throw new PostureFailure(PostureFailure.DEADLINE, "deadline reached");
        }
        return (int) Math.min(Integer.MAX_VALUE, ms);
    }

    static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Nothing left to learn from it.
        }
    }

    private static String expect(Reply reply, int code, String step) throws PostureFailure {
        if (reply.code != code) {
            throw new PostureFailure(step.equals("STARTTLS") ? PostureFailure.STARTTLS_REFUSED
                    : PostureFailure.TCP_UNREACHABLE, step + " answered " + reply.code + " " + reply.firstLine());
        }
        return reply.text;
    }

    private static void send(Socket socket, String command) throws PostureFailure {
        try {
            socket.getOutputStream().write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
        } catch (IOException e) {
            throw new PostureFailure(PostureFailure.TCP_UNREACHABLE, "sending " + command + ": " + e.getMessage());
        }
    }

    private record Reply(int code, String text) {
        String firstLine() {
            int nl = text.indexOf('\n');
            return nl < 0 ? text : text.substring(0, nl);
        }
    }

    /** Reads whole replies byte by byte (a reply is small), every read bounded by the deadline. */
    private static final class Reader {
        private final Socket socket;
        private final InputStream in;
        private final Instant deadline;
        private int bytes;

        Reader(Socket socket, Instant deadline) throws PostureFailure {
            this.socket = socket;
            this.deadline = deadline;
            try {
                this.in = socket.getInputStream();
            } catch (IOException e) {
                throw new PostureFailure(PostureFailure.TCP_UNREACHABLE, e.getMessage());
            }
        }

        Reply reply() throws PostureFailure {
            StringBuilder text = new StringBuilder();
            for (int lines = 0; lines < MAX_LINES; lines++) {
                String line = line();
                if (line.length() < 3 || !line.substring(0, 3).chars().allMatch(Character::isDigit)
                        || (line.length() > 3 && line.charAt(3) != ' ' && line.charAt(3) != '-')) {
                    throw new PostureFailure(PostureFailure.TCP_UNREACHABLE, "not an SMTP reply: "
                            + line.substring(0, Math.min(line.length(), 120)));
                }
                text.append(text.length() == 0 ? "" : "\n").append(line.length() > 4 ? line.substring(4) : "");
                if (line.length() == 3 || line.charAt(3) == ' ') {
                    return new Reply(Integer.parseInt(line.substring(0, 3)), text.toString());
                }
            }
            throw new PostureFailure(PostureFailure.TCP_UNREACHABLE, "reply longer than " + MAX_LINES + " lines");
        }

        private String line() throws PostureFailure {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            while (true) {
                int b;
                try {
                    socket.setSoTimeout(remainingMillis(deadline));
                    b = in.read();
                } catch (SocketTimeoutException e) {
                    throw new PostureFailure(PostureFailure.DEADLINE, "deadline reached waiting for the server");
                } catch (IOException e) {
                    throw new PostureFailure(PostureFailure.TCP_UNREACHABLE, e.getMessage());
                }
                if (b < 0) {
                    throw new PostureFailure(PostureFailure.TCP_UNREACHABLE, "the server closed the connection");
                }
                if (++bytes > MAX_BYTES) {
                    throw new PostureFailure(PostureFailure.TCP_UNREACHABLE, "server sent more than " + MAX_BYTES
                            + " bytes before TLS");
                }
                if (b == '\n') {
                    String s = line.toString(StandardCharsets.UTF_8);
                    return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
                }
                if (line.size() >= MAX_LINE) {
                    throw new PostureFailure(PostureFailure.TCP_UNREACHABLE, "reply line longer than " + MAX_LINE);
                }
                line.write(b);
            }
        }
    }
}
