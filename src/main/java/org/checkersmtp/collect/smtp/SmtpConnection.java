package org.checkersmtp.collect.smtp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.checkersmtp.observation.EndReason;
import org.checkersmtp.observation.Reply;

/**
 * One SMTP connection (plain or TLS) with every read bounded: each read waits at most until the
 * session deadline, a line may not exceed the line limit, a reply the line-count limit, the session
 * the byte budget. A server that drips one byte a second still meets the deadline, because the
 * remaining time shrinks with every byte.
 */
final class SmtpConnection {

    private static final Pattern REPLY_LINE = Pattern.compile("(\\d{3})([ -])?(.*)", Pattern.DOTALL);
    private static final Pattern ENHANCED = Pattern.compile("([245]\\.\\d{1,3}\\.\\d{1,3})(?:\\s|$).*", Pattern.DOTALL);

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final SmtpLimits limits;
    private final Instant deadline;
    private final Transcript transcript;
    private final ByteBudget budget;
    private final byte[] buffer = new byte[4096];
    private int bufferPos;
    private int bufferEnd;
    /** Milliseconds (transcript offset) at which the first byte of the last reply arrived. */
    private long lastReplyFirstByteMs = -1;

    SmtpConnection(Socket socket, SmtpLimits limits, Instant deadline, Transcript transcript, ByteBudget budget)
            throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.limits = limits;
        this.deadline = deadline;
        this.transcript = transcript;
        this.budget = budget;
    }

    Socket socket() {
        return socket;
    }

    long lastReplyFirstByteMs() {
        return lastReplyFirstByteMs;
    }

    /** Sends one command line; commands carry only validated data, but CR/LF is refused here too. */
    void send(String command) throws SessionAbort {
        sendBatch(List.of(command));
    }

    /** Sends several commands in one write (RFC 2920 pipelining). */
    void sendBatch(List<String> commands) throws SessionAbort {
        StringBuilder wire = new StringBuilder();
        for (String command : commands) {
            if (command.indexOf('\r') >= 0 || command.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("refusing to send a command containing CR or LF");
            }
            wire.append(command).append("\r\n");
        }
        try {
            out.write(wire.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw failure(e);
        }
        commands.forEach(transcript::client);
    }

    /** Reads one complete reply (all its continuation lines). */
    Reply readReply() throws SessionAbort {
        List<String> texts = new ArrayList<>();
        int code = -1;
        lastReplyFirstByteMs = -1;
        while (true) {
            String line = readLine();
            transcript.server(line);
            Matcher m = REPLY_LINE.matcher(line);
            if (!m.matches() || (m.group(2) == null && !m.group(3).isEmpty())) {
                throw new SessionAbort(EndReason.PROTOCOL_ERROR, "not an SMTP reply line: " + abbreviate(line));
            }
            int lineCode = Integer.parseInt(m.group(1));
            if (code == -1) {
                code = lineCode;
            }
            texts.add(m.group(3));
            boolean last = !"-".equals(m.group(2));
            if (last) {
                return new Reply(code, enhanced(code, texts.get(0)), texts);
            }
            if (texts.size() >= limits.maxReplyLines()) {
                throw new SessionAbort(EndReason.LIMIT_REPLY_LINES,
                        "reply longer than " + limits.maxReplyLines() + " lines");
            }
        }
    }

    /** RFC 3463: a status code whose class matches the reply's, at the start of the text. */
    private static String enhanced(int code, String text) {
        Matcher m = ENHANCED.matcher(text);
        if (m.matches() && m.group(1).charAt(0) == Integer.toString(code).charAt(0)) {
            return m.group(1);
        }
        return null;
    }

    private String readLine() throws SessionAbort {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = readByte();
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.UTF_8);
            }
            if (line.size() >= limits.maxLineLength()) {
                transcript.server(new String(line.toByteArray(), 0, Math.min(line.size(), 200), StandardCharsets.UTF_8)
                        + "… [cut]");
                throw new SessionAbort(EndReason.LIMIT_LINE_LENGTH,
                        "reply line longer than " + limits.maxLineLength() + " bytes");
            }
            line.write(b);
        }
    }

    private int readByte() throws SessionAbort {
        if (bufferPos == bufferEnd) {
            fill();
        }
        if (lastReplyFirstByteMs < 0) {
            lastReplyFirstByteMs = transcript.elapsedMs();
        }
        return buffer[bufferPos++] & 0xff;
    }

    private void fill() throws SessionAbort {
        long remaining = deadline.toEpochMilli() - System.currentTimeMillis();
        if (remaining <= 0) {
            throw new SessionAbort(EndReason.DEADLINE, "session deadline reached while waiting for the server");
        }
        int n;
        try {
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, remaining));
            n = in.read(buffer, 0, (int) Math.min(buffer.length, budget.remaining()));
        } catch (IOException e) {
            throw failure(e);
        }
        if (n < 0) {
            throw new SessionAbort(EndReason.CONNECTION_CLOSED, "the server closed the connection");
        }
        budget.spend(n);
        bufferPos = 0;
        bufferEnd = n;
    }

    /** Maps an I/O failure to why the session ended: the watchdog closing the socket means the deadline. */
    SessionAbort failure(IOException e) {
        if (e instanceof SocketTimeoutException || !Instant.now().isBefore(deadline)) {
            return new SessionAbort(EndReason.DEADLINE, "session deadline reached while waiting for the server");
        }
        if (e instanceof SocketException && String.valueOf(e.getMessage()).contains("reset")) {
            return new SessionAbort(EndReason.CONNECTION_CLOSED, "the server reset the connection");
        }
        return new SessionAbort(EndReason.IO_ERROR, String.valueOf(e.getMessage()));
    }

    void closeQuietly() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Nothing left to learn from this connection.
        }
    }

    private static String abbreviate(String line) {
        return line.length() > 120 ? line.substring(0, 120) + "…" : line;
    }

    /** The session's byte allowance, shared by the plaintext, TLS and fallback connections. */
    static final class ByteBudget {
        private final long max;
        private long spent;

        ByteBudget(long max) {
            this.max = max;
        }

        long remaining() throws SessionAbort {
            long left = max - spent;
            if (left <= 0) {
                throw new SessionAbort(EndReason.LIMIT_SESSION_BYTES, "server sent more than " + max + " bytes");
            }
            return left;
        }

        void spend(int n) {
            spent += n;
        }
    }
}
