package org.checkersmtp.smtp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLSocket;
import org.checkersmtp.observation.EndReason;
import org.checkersmtp.observation.Phase;
import org.checkersmtp.observation.Reply;

/**
 * One SMTP connection (plain or TLS): the verbs the prober uses, each one {@link #command} that
 * enters the command's phase, writes, and reads the reply (as go-smtp's {@code cmd()}). Every read is
 * bounded: it waits at most until the session deadline, a line may not exceed the line limit, a reply
 * the line-count limit, the session the byte budget. A server that drips one byte a second still
 * meets the deadline, because the time left shrinks with every byte.
 */
public final class SmtpConnection {

    private static final Pattern REPLY_LINE = Pattern.compile("(\\d{3})([ -])?(.*)", Pattern.DOTALL);
    private static final Pattern ENHANCED = Pattern.compile("([245]\\.\\d{1,3}\\.\\d{1,3})(?:\\s|$).*", Pattern.DOTALL);

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final SmtpLimits limits;
    private final Deadline deadline;
    private final Transcript transcript;
    private final ByteBudget budget;
    private final Consumer<Phase> phases;
    private final byte[] buffer = new byte[4096];
    private int bufferPos;
    private int bufferEnd;
    /** Milliseconds (transcript offset) at which the first byte of the last reply arrived. */
    private long lastReplyFirstByteMs = -1;

    /** @param phases told which phase the session enters before each reply is awaited */
    public SmtpConnection(Socket socket, SmtpLimits limits, Deadline deadline, Transcript transcript, ByteBudget budget,
                          Consumer<Phase> phases) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.limits = limits;
        this.deadline = deadline;
        this.transcript = transcript;
        this.budget = budget;
        this.phases = phases;
    }

    public Socket socket() {
        return socket;
    }

    public boolean insideTls() {
        return socket instanceof SSLSocket;
    }

    public long lastReplyFirstByteMs() {
        return lastReplyFirstByteMs;
    }

    /** The greeting, every line of it: nothing is sent before its final line. */
    public Reply greeting() throws SessionAbort {
        phases.accept(Phase.GREETING);
        return readReply();
    }

    public Reply ehlo(String name) throws SessionAbort {
        return command(Command.ehlo(name, insideTls()));
    }

    public Reply helo(String name) throws SessionAbort {
        return command(Command.helo(name));
    }

    public Reply startTls() throws SessionAbort {
        return command(Command.STARTTLS);
    }

    public Reply mail(String reversePath) throws SessionAbort {
        return command(Command.mail(reversePath));
    }

    public Reply rcpt(String forwardPath) throws SessionAbort {
        return command(Command.rcpt(forwardPath));
    }

    public Reply rset() throws SessionAbort {
        return command(Command.RSET);
    }

    public Reply quit() throws SessionAbort {
        return command(Command.QUIT);
    }

    /** One command, one reply. */
    public Reply command(Command command) throws SessionAbort {
        send(List.of(command));
        return reply(command);
    }

    /** Writes commands in one write: a pipelined group (RFC 2920) when there are several. */
    public void send(List<Command> commands) throws SessionAbort {
        StringBuilder wire = new StringBuilder();
        for (Command command : commands) {
            wire.append(command.line()).append("\r\n");
        }
        try {
            out.write(wire.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw failure(e);
        }
        commands.forEach(c -> transcript.client(c.line()));
    }

    /**
     * The reply to a command already sent. A 421 ends the session (the server is closing the channel,
     * RFC 5321 §3.8), except as the answer to QUIT, where closing is what was asked.
     */
    public Reply reply(Command command) throws SessionAbort {
        phases.accept(command.phase());
        Reply reply = readReply();
        if (reply.code() == ReplyCode.SERVICE_NOT_AVAILABLE && command.phase() != Phase.QUIT) {
            throw new SessionAbort(EndReason.CONNECTION_CLOSED, "server closing the session: " + reply.summary(),
                    reply);
        }
        return reply;
    }

    /** Says QUIT without waiting for an answer, to a server that has just shown it cannot be trusted to give one. */
    public void quitWithoutWaiting() {
        try {
            send(List.of(Command.QUIT));
        } catch (SessionAbort ignored) {
            // The server may already be gone.
        }
    }

    /** Reads one complete reply (all its continuation lines). */
    private Reply readReply() throws SessionAbort {
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
        int n;
        try {
            socket.setSoTimeout(deadline.socketTimeoutMillis());
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
    public SessionAbort failure(IOException e) {
        if (e instanceof SocketTimeoutException || deadline.passed()) {
            return new SessionAbort(EndReason.DEADLINE, "session deadline reached while waiting for the server");
        }
        if (e instanceof SocketException && String.valueOf(e.getMessage()).contains("reset")) {
            return new SessionAbort(EndReason.CONNECTION_CLOSED, "the server reset the connection");
        }
        return new SessionAbort(EndReason.IO_ERROR, String.valueOf(e.getMessage()));
    }

    public void closeQuietly() {
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
    public static final class ByteBudget {
        private final long max;
        private long spent;

        public ByteBudget(long max) {
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
