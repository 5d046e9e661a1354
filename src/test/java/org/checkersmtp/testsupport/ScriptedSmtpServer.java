package org.checkersmtp.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLSocket;

/**
 * An SMTP server for tests, scripted per test: greeting (multi-line, delayed, with a greet pause),
 * EHLO extensions before and after TLS, replies per command, STARTTLS with a certificate generated
 * at start, and hostile behaviours. It records every command it received, grouped by the batch
 * (TCP read) they arrived in, and any byte a client sent before the final greeting line.
 */
public final class ScriptedSmtpServer implements AutoCloseable {

    public enum Hostile {
        /** Accepts, then says nothing. */
        NEVER_GREET,
        /** "220 " then one byte per second, forever. */
        DRIP,
        /** "220-" continuation lines, forever, as fast as the client reads. */
        ENDLESS_REPLY,
        /** A greeting line of 100 000 bytes. */
        LONG_LINE,
        /** Something that is not SMTP. */
        GARBAGE,
        /** Greets, then closes in the middle of the EHLO reply. */
        CLOSE_MID_REPLY,
        /** Answers 220 to STARTTLS, then sends bytes that are not TLS and closes. */
        BROKEN_TLS,
        /** Answers 220 to STARTTLS, then never says a word of TLS. */
        STALLED_TLS,
        /** One megabyte of greeting without a line end. */
        MEGABYTE_WITHOUT_CRLF,
        /** A greeting line of bytes that are not UTF-8, then more of them. */
        INVALID_UTF8,
        /** Greets, then resets the connection (TCP RST) on EHLO. */
        RESET_AFTER_EHLO,
        /** Greets, reads EHLO, then says nothing more while keeping the connection open. */
        STALL_AFTER_EHLO
    }

    private final Builder config;
    private final ServerSocket listener;
    private final Thread acceptor;
    private final List<Socket> clients = new CopyOnWriteArrayList<>();
    private final List<List<String>> batches = new CopyOnWriteArrayList<>();
    private final List<String> earlyTalk = new CopyOnWriteArrayList<>();
    private final TestCertificates.Issued certificate;
    private volatile int connections;
    /** Every byte clients sent, as sent (TLS records decrypted), up to 4 MiB. */
    private final java.io.ByteArrayOutputStream received = new java.io.ByteArrayOutputStream();
    private final java.util.concurrent.atomic.AtomicInteger open = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicInteger maxOpen = new java.util.concurrent.atomic.AtomicInteger();

    private ScriptedSmtpServer(Builder config) throws IOException {
        this.config = config;
        this.certificate = !config.starttls ? null
                : config.presented != null ? config.presented : TestCertificates.selfSigned(config.hostname);
        this.listener = new ServerSocket();
        listener.bind(new InetSocketAddress(config.address, config.port), 50);
        this.acceptor = new Thread(this::acceptLoop, "scripted-smtp-" + listener.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public static Builder builder() {
        return new Builder();
    }

    public int port() {
        return listener.getLocalPort();
    }

    public InetAddress address() {
        return listener.getInetAddress();
    }

    public java.security.cert.X509Certificate certificate() {
        return certificate == null ? null : certificate.certificate();
    }

    /** Every command received, in order, over all connections. */
    public List<String> commands() {
        List<String> all = new ArrayList<>();
        batches.forEach(all::addAll);
        return all;
    }

    /** Commands grouped by the read they arrived in: a pipelined batch arrives together. */
    public List<List<String>> batches() {
        return Collections.unmodifiableList(batches);
    }

    /** Bytes a client sent before the final greeting line was out (must stay empty). */
    public List<String> earlyTalk() {
        return earlyTalk;
    }

    /** Every byte clients sent, before any line splitting or decoding (inside TLS: the plaintext). */
    public byte[] received() {
        synchronized (received) {
            return received.toByteArray();
        }
    }

    public int connections() {
        return connections;
    }

    /** Connections open now. */
    public int openConnections() {
        return open.get();
    }

    /** The most connections this server had open at the same time. */
    public int maxConcurrentConnections() {
        return maxOpen.get();
    }

    @Override
    public void close() {
        try {
            listener.close();
            // The socket is released only once the thread blocked in accept() has left it: wait, so a test
            // binding the same address and port next does not find it still listening.
            acceptor.join(2000);
        } catch (IOException ignored) {
            // Closing a test server.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Socket s : clients) {
            try {
                s.close();
            } catch (IOException ignored) {
                // Closing a test server.
            }
        }
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                clients.add(client);
                connections++;
                Thread t = new Thread(() -> serve(client), "scripted-smtp-client");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        java.net.SocketAddress peer = socket.getRemoteSocketAddress();
        maxOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
        try (socket) {
            OutputStream out = socket.getOutputStream();
            if (hostileBeforeGreeting(socket, out)) {
                return;
            }
            sleep(config.greetDelay);
            List<String> greeting = config.greeting;
            for (int i = 0; i < greeting.size(); i++) {
                boolean last = i == greeting.size() - 1;
                if (last) {
                    sleep(config.greetPause);
                    if (socket.getInputStream().available() > 0) {
                        byte[] early = socket.getInputStream().readNBytes(socket.getInputStream().available());
                        earlyTalk.add(new String(early, StandardCharsets.ISO_8859_1));
                    }
                }
                write(out, greeting.get(i));
            }
            if (!greeting.get(greeting.size() - 1).startsWith("220")) {
                converse(socket, out, false);
                return;
            }
            converse(socket, out, false);
        } catch (IOException | InterruptedException ignored) {
            // The client went away: that is how most tests end.
        } finally {
            leave(peer);
            left.remove(peer);
        }
    }

    /** Connections (by their client's address and port) already counted as closed. */
    private final java.util.Set<java.net.SocketAddress> left = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** Counts a connection as closed, once. */
    private void leave(java.net.SocketAddress peer) {
        if (left.add(peer)) {
            open.decrementAndGet();
        }
    }

    /** Behaviours that replace the greeting; true when the connection is done. */
    private boolean hostileBeforeGreeting(Socket socket, OutputStream out) throws IOException, InterruptedException {
        if (config.hostile == null) {
            return false;
        }
        switch (config.hostile) {
            case NEVER_GREET -> {
                while (!socket.isClosed() && socket.getInputStream().read() >= 0) {
                    // Swallow whatever the client sends, say nothing.
                }
                return true;
            }
            case DRIP -> {
                out.write("220 ".getBytes(StandardCharsets.US_ASCII));
                while (true) {
                    Thread.sleep(1000);
                    out.write('x');
                    out.flush();
                }
            }
            case ENDLESS_REPLY -> {
                byte[] line = "220-still greeting you, please wait\r\n".getBytes(StandardCharsets.US_ASCII);
                while (true) {
                    out.write(line);
                }
            }
            case LONG_LINE -> {
                out.write(("220 " + "x".repeat(100_000) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                socket.getInputStream().read();
                return true;
            }
            case MEGABYTE_WITHOUT_CRLF -> {
                out.write("220 ".getBytes(StandardCharsets.US_ASCII));
                out.write("x".repeat(1 << 20).getBytes(StandardCharsets.US_ASCII));
                out.flush();
                socket.getInputStream().read();
                return true;
            }
            case INVALID_UTF8 -> {
                byte[] invalid = {'2', '2', '0', ' ', (byte) 0xc3, (byte) 0x28, (byte) 0xff, (byte) 0xfe, 0, '\r', '\n'};
                out.write(invalid);
                out.write(new byte[] {(byte) 0x80, (byte) 0xbf, '\r', '\n'});
                out.flush();
                socket.getInputStream().read();
                return true;
            }
            case GARBAGE -> {
                out.write("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                socket.getInputStream().read();
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    private void converse(Socket socket, OutputStream out, boolean tls) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(recording(socket.getInputStream()),
                StandardCharsets.UTF_8));
        while (true) {
            String line = in.readLine();
            if (line == null) {
                return;
            }
            List<String> batch = new ArrayList<>();
            batch.add(line);
            while (in.ready()) {
                String more = in.readLine();
                if (more == null) {
                    break;
                }
                batch.add(more);
            }
            batches.add(batch);
            for (String command : batch) {
                String verb = command.toUpperCase(Locale.ROOT);
                if (config.closes.stream().anyMatch(c -> verb.startsWith(c.toUpperCase(Locale.ROOT)))) {
                    return;
                }
                if (verb.startsWith("STARTTLS") && config.starttls && !tls) {
                    write(out, "220 2.0.0 Ready to start TLS");
                    if (config.hostile == Hostile.STALLED_TLS) {
                        while (socket.getInputStream().read() >= 0) {
                            // Swallow the ClientHello and everything after it, answer nothing.
                        }
                        return;
                    }
                    if (config.hostile == Hostile.BROKEN_TLS) {
                        out.write("this is not a TLS record\r\n".getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                        return;
                    }
                    SSLSocket ssl = (SSLSocket) certificate.serverContext().getSocketFactory()
                            .createSocket(socket, socket.getInetAddress().getHostAddress(), socket.getPort(), true);
                    ssl.setUseClientMode(false);
                    ssl.startHandshake();
                    clients.add(ssl);
                    converse(ssl, ssl.getOutputStream(), true);
                    return;
                }
                if (verb.startsWith("EHLO") && config.hostile == Hostile.RESET_AFTER_EHLO) {
                    socket.setSoLinger(true, 0);
                    socket.close();
                    return;
                }
                if (verb.startsWith("EHLO") && config.hostile == Hostile.STALL_AFTER_EHLO) {
                    while (socket.getInputStream().read() >= 0) {
                        // Swallow, answer nothing.
                    }
                    return;
                }
                if (verb.startsWith("EHLO") && config.hostile == Hostile.CLOSE_MID_REPLY) {
                    write(out, "250-" + config.hostname);
                    return;
                }
                List<String> reply = replyTo(verb, tls);
                pauseBefore(verb);
                boolean last = verb.startsWith("QUIT") || reply.stream().anyMatch(r -> r.startsWith("421"));
                if (last) {
                    // Over before the client can read that it is: a client that connects again once it has
                    // the final reply is not counted as a second connection at once.
                    leave(socket.getRemoteSocketAddress());
                }
                for (String r : reply) {
                    write(out, r);
                }
                if (last) {
                    return;
                }
            }
        }
    }

    private java.io.InputStream recording(java.io.InputStream in) {
        return new java.io.FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    record(new byte[] {(byte) b}, 0, 1);
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0) {
                    record(b, off, n);
                }
                return n;
            }
        };
    }

    private void record(byte[] b, int off, int len) {
        synchronized (received) {
            received.write(b, off, Math.min(len, Math.max(0, (4 << 20) - received.size())));
        }
    }

    private List<String> replyTo(String verb, boolean tls) {
        for (Map.Entry<String, List<String>> scripted : config.tlsReplies.entrySet()) {
            if (tls && verb.startsWith(scripted.getKey().toUpperCase(Locale.ROOT))) {
                return scripted.getValue();
            }
        }
        for (Map.Entry<String, List<String>> scripted : config.replies.entrySet()) {
            if (verb.startsWith(scripted.getKey().toUpperCase(Locale.ROOT))) {
                return scripted.getValue();
            }
        }
        if (verb.startsWith("EHLO")) {
            List<String> ext = new ArrayList<>(tls ? config.tlsExtensions : config.extensions);
            if (config.starttls && !tls && !ext.contains("STARTTLS")) {
                ext.add("STARTTLS");
            }
            List<String> lines = new ArrayList<>();
            lines.add("250" + (ext.isEmpty() ? " " : "-") + config.hostname);
            for (int i = 0; i < ext.size(); i++) {
                lines.add("250" + (i == ext.size() - 1 ? " " : "-") + ext.get(i));
            }
            return lines;
        }
        if (verb.startsWith("HELO")) {
            return List.of("250 " + config.hostname);
        }
        if (verb.startsWith("MAIL")) {
            return List.of("250 2.1.0 Ok");
        }
        if (verb.startsWith("RCPT")) {
            return List.of("250 2.1.5 Ok");
        }
        if (verb.startsWith("RSET")) {
            return List.of("250 2.0.0 Ok");
        }
        if (verb.startsWith("QUIT")) {
            return List.of("221 2.0.0 Bye");
        }
        if (verb.startsWith("DATA")) {
            return List.of("354 End data with <CR><LF>.<CR><LF>");
        }
        return List.of("502 5.5.2 Error: command not recognized");
    }

    private void pauseBefore(String verb) {
        config.pauses.entrySet().stream().filter(p -> verb.startsWith(p.getKey().toUpperCase(Locale.ROOT)))
                .findFirst().ifPresent(p -> sleep(p.getValue()));
    }

    private static void write(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void sleep(Duration d) {
        if (d.isZero()) {
            return;
        }
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static final class Builder {
        private InetAddress address = InetAddress.getLoopbackAddress();
        private int port;
        private String hostname = "mx.test.example";
        private List<String> greeting = List.of("220 mx.test.example ESMTP ready");
        private Duration greetDelay = Duration.ZERO;
        private Duration greetPause = Duration.ZERO;
        private List<String> extensions = List.of("PIPELINING", "SIZE 10240000", "8BITMIME", "ENHANCEDSTATUSCODES");
        private List<String> tlsExtensions = null;
        private boolean starttls;
        private TestCertificates.Issued presented;
        private final Map<String, List<String>> replies = new LinkedHashMap<>();
        private final Map<String, List<String>> tlsReplies = new LinkedHashMap<>();
        private final List<String> closes = new ArrayList<>();
        private final Map<String, Duration> pauses = new LinkedHashMap<>();
        private Hostile hostile;

        public Builder address(InetAddress address) {
            this.address = address;
            return this;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder hostname(String hostname) {
            this.hostname = hostname;
            return this;
        }

        /** Full greeting lines, e.g. "220-first", "220 last". */
        public Builder greeting(String... lines) {
            this.greeting = List.of(lines);
            return this;
        }

        public Builder greetDelay(Duration delay) {
            this.greetDelay = delay;
            return this;
        }

        /** Pause before the final greeting line (postscreen's greet pause). */
        public Builder greetPause(Duration pause) {
            this.greetPause = pause;
            return this;
        }

        public Builder extensions(String... extensions) {
            this.extensions = List.of(extensions);
            return this;
        }

        public Builder tlsExtensions(String... extensions) {
            this.tlsExtensions = List.of(extensions);
            return this;
        }

        public Builder starttls() {
            this.starttls = true;
            return this;
        }

        /** STARTTLS presenting this certificate (its server context) instead of a fresh self-signed one. */
        public Builder starttls(TestCertificates.Issued certificate) {
            this.presented = certificate;
            return starttls();
        }

        /**
         * The reply (full lines) to every command starting with this prefix, e.g. "MAIL FROM:<>". No
         * line leaves the command unanswered; two final lines answer it twice.
         */
        public Builder reply(String commandPrefix, String... lines) {
            replies.put(commandPrefix, List.of(lines));
            return this;
        }

        /** Like {@link #reply}, inside TLS only (it comes first there). */
        public Builder tlsReply(String commandPrefix, String... lines) {
            tlsReplies.put(commandPrefix, List.of(lines));
            return this;
        }

        /** Closes the connection, without a word, on the first command starting with this prefix. */
        public Builder closeOn(String commandPrefix) {
            closes.add(commandPrefix);
            return this;
        }

        /** Waits this long before answering every command starting with this prefix (a slow server mid-session). */
        public Builder pause(String commandPrefix, Duration pause) {
            pauses.put(commandPrefix, pause);
            return this;
        }

        public Builder hostile(Hostile behaviour) {
            this.hostile = behaviour;
            return this;
        }

        public ScriptedSmtpServer start() {
            if (tlsExtensions == null) {
                tlsExtensions = extensions;
            }
            try {
                return new ScriptedSmtpServer(this);
            } catch (IOException e) {
                throw new IllegalStateException("cannot start the scripted SMTP server", e);
            }
        }
    }
}
