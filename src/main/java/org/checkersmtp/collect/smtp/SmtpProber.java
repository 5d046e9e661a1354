package org.checkersmtp.collect.smtp;

import java.io.IOException;
import java.net.ConnectException;
import java.net.DatagramSocket;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.checkersmtp.observation.Connect;
import org.checkersmtp.observation.ConnectFailure;
import org.checkersmtp.observation.EndReason;
import org.checkersmtp.observation.EndpointProbe;
import org.checkersmtp.observation.Extension;
import org.checkersmtp.observation.Greeting;
import org.checkersmtp.observation.IpAddresses;
import org.checkersmtp.observation.Phase;
import org.checkersmtp.observation.Reply;
import org.checkersmtp.observation.SessionEnd;
import org.checkersmtp.observation.StartTls;
import org.checkersmtp.observation.Transaction;
import org.checkersmtp.options.CheckOptions;
import org.checkersmtp.smtp.Deadline;
import org.checkersmtp.smtp.SessionAbort;
import org.checkersmtp.smtp.SmtpConnection;
import org.checkersmtp.smtp.SmtpLimits;
import org.checkersmtp.smtp.Transcript;

/**
 * The SMTP conversation with one address, as an operator would have it with swaks: connect, wait
 * for the final 220, EHLO (HELO fallback), STARTTLS when offered (opportunistic, every certificate
 * accepted and described), then MAIL/RCPT probes each ended by RSET — never DATA — and QUIT.
 * Never throws: whatever happened, including a hostile server, ends up in the returned probe.
 */
public final class SmtpProber {

    /** Closes a session's socket at its deadline, whatever the session is blocked on (connect, TLS, a write). */
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "smtp-session-watchdog");
        t.setDaemon(true);
        return t;
    });

    private final SmtpLimits limits;

    public SmtpProber(SmtpLimits limits) {
        this.limits = limits;
    }

    /**
     * @param deadline when the session is cut, whatever it is doing
     * @param phases   told of every phase the session enters, on the calling thread
     */
    public EndpointProbe probe(EndpointTarget target, CheckOptions options, Deadline deadline, PhaseListener phases) {
        return new Session(target, options, deadline, phases).run();
    }

    /** The greeting, and EHLO (or HELO) when the greeting invited it. */
    private record Start(SmtpConnection connection, Greeting greeting, Hello hello) {
    }

    /** EHLO's reply, HELO's when EHLO was refused, and the extensions EHLO advertised. */
    private record Hello(Reply ehlo, Reply helo, List<Extension> extensions) {

        boolean accepted() {
            return ehlo.isPositiveCompletion() || (helo != null && helo.isPositiveCompletion());
        }
    }

    /** What the server said so far: it becomes the probe at whatever point the session ends. */
    private static final class Seen {
        final List<Connect> connects = new ArrayList<>();
        Greeting greeting;
        Hello hello;
        StartTls starttls;
        final List<Transaction> transactions = new ArrayList<>();
        Reply quit;
    }

    /** One conversation while it runs: its deadline, its phase, its sockets. */
    private final class Session {
        private final EndpointTarget target;
        private final CheckOptions options;
        private final Deadline deadline;
        private final PhaseListener phases;
        private final Transcript transcript = Transcript.recording();
        private final SmtpConnection.ByteBudget budget;
        /** The socket the watchdog closes at the deadline. */
        private final AtomicReference<Socket> current = new AtomicReference<>();
        private final Seen seen = new Seen();
        private Phase phase;
        /** True once the plaintext reconnect began: the observation keeps the first connection's greeting and hello. */
        private boolean reconnected;
        /** The connection in use, for the QUIT after a misbehaving reply. */
        private SmtpConnection active;

        Session(EndpointTarget target, CheckOptions options, Deadline deadline, PhaseListener phases) {
            this.target = target;
            this.options = options;
            this.deadline = deadline;
            this.phases = phases;
            this.budget = new SmtpConnection.ByteBudget(limits.maxSessionBytes());
        }

        EndpointProbe run() {
            // One millisecond late rather than early: a socket closed at the deadline must read as the deadline.
            ScheduledFuture<?> watchdog = WATCHDOG.schedule(this::closeCurrent, deadline.remaining().toMillis() + 1,
                    TimeUnit.MILLISECONDS);
            SessionEnd end;
            try {
                end = converse();
            } catch (SessionAbort abort) {
                transcript.event("session ended in phase " + phase + ": " + abort.getMessage());
                end = new SessionEnd(abort.reason(), phase, abort.getMessage());
                if (connectionStillUp(abort.reason()) && active != null) {
                    active.quitWithoutWaiting();
                }
            } finally {
                watchdog.cancel(false);
                closeCurrent();
            }
            Hello hello = seen.hello;
            return new EndpointProbe(target.host(), target.preference(), IpAddresses.text(target.address()),
                    IpAddresses.family(target.address()), null,
                    seen.connects.isEmpty() ? null : seen.connects.get(0), seen.greeting,
                    hello == null ? null : hello.ehlo(), hello == null ? null : hello.helo(),
                    hello == null ? List.of() : hello.extensions(), seen.starttls, seen.transactions, seen.quit,
                    transcript.lines(), end, transcript.elapsedMs());
        }

        /** The probe sequence. */
        private SessionEnd converse() throws SessionAbort {
            Start start = start();
            if (start == null) {
                return new SessionEnd(EndReason.CONNECT_FAILED, Phase.CONNECT, seen.connects.get(0).error());
            }
            SmtpConnection conn = start.connection();
            if (start.hello() == null) {
                sayQuit(conn);
                return new SessionEnd(EndReason.GREETING_REFUSED, Phase.GREETING,
                        start.greeting().reply().summary());
            }
            if (!start.hello().accepted()) {
                sayQuit(conn);
                return new SessionEnd(EndReason.COMPLETED, Phase.QUIT, "EHLO and HELO refused: no transaction possible");
            }
            List<Extension> extensions = start.hello().extensions();
            if (advertised(extensions, "STARTTLS")) {
                Upgraded upgraded = upgrade(conn);
                conn = upgraded.connection();
                extensions = upgraded.extensions();
            }
            boolean pipelining = advertised(extensions, "PIPELINING");
            seen.quit = new ProbeTransactions(options, seen.transactions).run(conn, pipelining);
            return new SessionEnd(EndReason.COMPLETED, Phase.QUIT, null);
        }

        /** Connect, greeting, EHLO (HELO fallback): how the first connection and the plaintext reconnect begin. */
        private Start start() throws SessionAbort {
            SmtpConnection conn = connect();
            if (conn == null) {
                return null;
            }
            long connectedAtMs = transcript.elapsedMs();
            Reply banner = conn.greeting();
            Greeting greeting = new Greeting(banner, conn.lastReplyFirstByteMs() - connectedAtMs,
                    transcript.elapsedMs() - connectedAtMs);
            if (!reconnected) {
                seen.greeting = greeting;
            }
            if (!banner.isServiceReady()) {
                return new Start(conn, greeting, null);
            }
            return new Start(conn, greeting, hello(conn));
        }

        /** EHLO, and HELO when EHLO is refused for good (a 4xx says "later", not "I only speak HELO"). */
        private Hello hello(SmtpConnection conn) throws SessionAbort {
            Reply ehlo;
            try {
                ehlo = conn.ehlo(options.heloName());
            } catch (SessionAbort abort) {
                keep(new Hello(abort.reply(), null, List.of()));
                throw abort;
            }
            if (ehlo.isPositiveCompletion()) {
                return keep(new Hello(ehlo, null, parseExtensions(ehlo)));
            }
            Reply helo = null;
            if (ehlo.permanentFailure()) {
                try {
                    helo = conn.helo(options.heloName());
                } catch (SessionAbort abort) {
                    keep(new Hello(ehlo, abort.reply(), List.of()));
                    throw abort;
                }
            }
            return keep(new Hello(ehlo, helo, List.of()));
        }

        /**
         * Records the first connection's hello as soon as it is known, so that a session cut later (or
         * during HELO) still shows it; an EHLO that ended the session without a reply leaves nothing.
         */
        private Hello keep(Hello hello) {
            if (!reconnected && hello.ehlo() != null) {
                seen.hello = hello;
            }
            return hello;
        }

        private record Upgraded(SmtpConnection connection, List<Extension> extensions) {
        }

        /** STARTTLS, the handshake, EHLO again; on a failed handshake, one plaintext reconnect as an MTA would. */
        private Upgraded upgrade(SmtpConnection conn) throws SessionAbort {
            Reply reply;
            try {
                reply = conn.startTls();
            } catch (SessionAbort abort) {
                if (abort.reply() != null) {
                    seen.starttls = StartTls.refused(abort.reply());
                }
                throw abort;
            }
            if (!reply.isServiceReady()) {
                seen.starttls = StartTls.refused(reply);
                return new Upgraded(conn, seen.hello.extensions());
            }
            enter(Phase.TLS_HANDSHAKE);
            long t0 = transcript.elapsedMs();
            TlsHandshake.Result tls;
            try {
                tls = TlsHandshake.perform(conn.socket(), target, deadline);
            } catch (IOException e) {
                if (e instanceof SocketTimeoutException || deadline.passed()) {
                    String why = "session deadline reached during the TLS handshake";
                    seen.starttls = StartTls.handshakeFailed(reply, why, false);
                    throw new SessionAbort(EndReason.DEADLINE, why);
                }
                String why = TlsHandshake.describe(e);
                transcript.event("TLS handshake failed: " + why);
                seen.starttls = StartTls.handshakeFailed(reply, why, true);
                conn.closeQuietly();
                return reconnectInPlaintext();
            }
            long handshakeMs = transcript.elapsedMs() - t0;
            transcript.event("TLS handshake: " + tls.protocol() + " " + tls.cipherSuite());
            current.set(tls.socket());
            SmtpConnection secure = open(tls.socket());
            // Recorded before EHLO so that a session cut during the second EHLO still shows the handshake.
            StartTls negotiated = StartTls.negotiated(reply, tls.protocol(), tls.cipherSuite(), handshakeMs,
                    tls.certificate());
            seen.starttls = negotiated;
            Reply ehloTls;
            try {
                ehloTls = secure.ehlo(options.heloName());
            } catch (SessionAbort abort) {
                if (abort.reply() != null) {
                    seen.starttls = negotiated.withEhlo(abort.reply(), List.of());
                }
                throw abort;
            }
            List<Extension> tlsExtensions = ehloTls.isPositiveCompletion() ? parseExtensions(ehloTls) : List.of();
            seen.starttls = negotiated.withEhlo(ehloTls, tlsExtensions);
            return new Upgraded(secure, tlsExtensions);
        }

        private Upgraded reconnectInPlaintext() throws SessionAbort {
            transcript.event("reconnecting in plaintext for the transactions");
            reconnected = true;
            Start again = start();
            if (again == null) {
                throw new SessionAbort(EndReason.CONNECT_FAILED,
                        "plaintext reconnect failed: " + seen.connects.get(seen.connects.size() - 1).error());
            }
            if (again.hello() == null) {
                throw new SessionAbort(EndReason.GREETING_REFUSED,
                        "on reconnect: " + again.greeting().reply().summary());
            }
            return new Upgraded(again.connection(), again.hello().extensions());
        }

        private void sayQuit(SmtpConnection conn) {
            try {
                seen.quit = conn.quit();
            } catch (SessionAbort ignored) {
                // Many servers close right after 221 or without it: QUIT was said, nothing to judge.
            }
        }

        private void enter(Phase next) {
            if (next != phase) {
                phase = next;
                phases.entered(next);
            }
        }

        /** Opens a TCP connection, recording how it went; null when it did not open. */
        private SmtpConnection connect() throws SessionAbort {
            enter(Phase.CONNECT);
            Socket socket = new Socket();
            current.set(socket);
            long t0 = transcript.elapsedMs();
            try {
                socket.connect(new InetSocketAddress(target.address(), target.port()), deadline.socketTimeoutMillis());
                socket.setTcpNoDelay(true);
            } catch (IOException e) {
                long ms = transcript.elapsedMs() - t0;
                ConnectFailure failure = classify(e);
                seen.connects.add(new Connect(false, failure, failure + ": " + e.getMessage(), ms));
                transcript.event("connect to " + endpoint() + " failed: " + e.getMessage());
                return null;
            }
            long ms = transcript.elapsedMs() - t0;
            seen.connects.add(new Connect(true, null, null, ms));
            transcript.event("connected to " + endpoint() + " in " + ms + " ms");
            return open(socket);
        }

        private SmtpConnection open(Socket socket) throws SessionAbort {
            try {
                active = new SmtpConnection(socket, limits, deadline, transcript, budget, this::enter);
                return active;
            } catch (IOException e) {
                throw new SessionAbort(EndReason.IO_ERROR, String.valueOf(e.getMessage()));
            }
        }

        private ConnectFailure classify(IOException e) {
            if (e instanceof SocketTimeoutException || deadline.passed()) {
                return ConnectFailure.TIMEOUT;
            }
            if (e instanceof ConnectException && String.valueOf(e.getMessage()).contains("refused")) {
                return ConnectFailure.REFUSED;
            }
            if (e instanceof NoRouteToHostException) {
                return ConnectFailure.NO_ROUTE;
            }
            String message = String.valueOf(e.getMessage());
            if (e instanceof SocketException && (message.contains("Network is unreachable")
                    || message.contains("Protocol family unavailable") || message.contains("Cannot assign"))) {
                return checkerHasRoute() ? ConnectFailure.NO_ROUTE : ConnectFailure.CHECKER_NO_ROUTE;
            }
            return ConnectFailure.ERROR;
        }

        /** A UDP connect asks the kernel for a route without sending a packet: the checker's own reachability. */
        private boolean checkerHasRoute() {
            try (DatagramSocket udp = new DatagramSocket()) {
                udp.connect(new InetSocketAddress(target.address(), target.port()));
                return true;
            } catch (IOException e) {
                return false;
            }
        }

        private String endpoint() {
            String host = IpAddresses.text(target.address());
            return (target.address() instanceof Inet6Address ? "[" + host + "]" : host) + ":" + target.port();
        }

        private void closeCurrent() {
            Socket socket = current.get();
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // Closing is how the deadline is enforced; a failure here changes nothing.
                }
            }
        }
    }

    /** After a limit or garbage the connection is still up, and QUIT is still owed. */
    private static boolean connectionStillUp(EndReason reason) {
        return switch (reason) {
            case LIMIT_LINE_LENGTH, LIMIT_REPLY_LINES, LIMIT_SESSION_BYTES, PROTOCOL_ERROR -> true;
            default -> false;
        };
    }

    private static boolean advertised(List<Extension> extensions, String keyword) {
        return extensions.stream().anyMatch(e -> e.name().equalsIgnoreCase(keyword));
    }

    /** EHLO reply lines after the first (the server's name) are "KEYWORD param param". */
    static List<Extension> parseExtensions(Reply ehlo) {
        List<Extension> parsed = new ArrayList<>();
        for (String line : ehlo.lines().subList(Math.min(1, ehlo.lines().size()), ehlo.lines().size())) {
            String[] words = line.trim().split("[ =]+");
            if (words.length == 0 || words[0].isEmpty()) {
                continue;
            }
            parsed.add(new Extension(words[0].toUpperCase(Locale.ROOT), List.of(words).subList(1, words.length)));
        }
        return parsed;
    }
}
