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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
import org.checkersmtp.observation.IpFamily;
import org.checkersmtp.observation.Reply;
import org.checkersmtp.observation.SessionEnd;
import org.checkersmtp.observation.StartTls;
import org.checkersmtp.observation.Transaction;
import org.checkersmtp.observation.TransactionKind;
import org.checkersmtp.options.CheckOptions;

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

    public EndpointProbe probe(EndpointTarget target, CheckOptions options, Instant deadline) {
        return new Session(target, options, deadline).run();
    }

    /** The state of one conversation while it runs. */
    private final class Session {
        private final EndpointTarget target;
        private final CheckOptions options;
        private final Instant deadline;
        private final Transcript transcript = new Transcript();
        private final SmtpConnection.ByteBudget budget;
        private final AtomicReference<Socket> current = new AtomicReference<>();

        private String phase = "connect";
        private Connect connect;
        private long connectedAtMs;
        private Greeting greeting;
        private Reply ehlo;
        private Reply helo;
        private List<Extension> extensions = List.of();
        private StartTls starttls;
        private final List<Transaction> transactions = new ArrayList<>();
        private Reply quit;
        private boolean tlsActive;
        private List<Extension> activeExtensions = List.of();
        /** The connection in use, for the last QUIT. */
        private SmtpConnection active;

        Session(EndpointTarget target, CheckOptions options, Instant deadline) {
            this.target = target;
            this.options = options;
            this.deadline = deadline;
            this.budget = new SmtpConnection.ByteBudget(limits.maxSessionBytes());
        }

        EndpointProbe run() {
            long startNanos = System.nanoTime();
            long delay = Math.max(0, deadline.toEpochMilli() - System.currentTimeMillis());
            ScheduledFuture<?> watchdog = WATCHDOG.schedule(this::closeCurrent, delay, TimeUnit.MILLISECONDS);
            SessionEnd end;
            SmtpConnection conn = null;
            try {
                conn = open();
                if (conn == null) {
                    end = new SessionEnd(EndReason.CONNECT_FAILED, "connect", connect.error());
                } else {
                    end = converse(conn);
                }
            } catch (SessionAbort abort) {
                transcript.event("session ended in phase " + phase + ": " + abort.getMessage());
                end = new SessionEnd(abort.reason(), phase, abort.getMessage());
                quitAfterMisbehaviour(abort.reason());
            } finally {
                watchdog.cancel(false);
                closeCurrent();
            }
            long durationMs = (System.nanoTime() - startNanos) / 1_000_000;
            return new EndpointProbe(target.host(), target.preference(), IpAddresses.text(target.address()),
                    target.address() instanceof Inet6Address ? IpFamily.IPV6 : IpFamily.IPV4, null, connect,
                    greeting, ehlo, helo, extensions, starttls, transactions, quit, transcript.lines(), end,
                    durationMs);
        }

        private SessionEnd converse(SmtpConnection conn) throws SessionAbort {
            phase = "greeting";
            Reply banner = conn.readReply();
            long finalMs = transcript.elapsedMs() - connectedAtMs;
            greeting = new Greeting(banner, conn.lastReplyFirstByteMs() - connectedAtMs, finalMs);
            if (banner.code() != 220) {
                sayQuit(conn);
                return new SessionEnd(EndReason.GREETING_REFUSED, "greeting", banner.summary());
            }
            if (!hello(conn)) {
                sayQuit(conn);
                return new SessionEnd(EndReason.COMPLETED, phase, "EHLO and HELO refused: no transaction possible");
            }
            activeExtensions = extensions;
            if (advertised(extensions, "STARTTLS")) {
                conn = upgrade(conn);
            }
            probeTransactions(conn);
            sayQuit(conn);
            return new SessionEnd(EndReason.COMPLETED, "quit", null);
        }

        /** EHLO, or HELO when EHLO is refused; false when neither is accepted. */
        private boolean hello(SmtpConnection conn) throws SessionAbort {
            phase = "ehlo";
            conn.send("EHLO " + options.heloName());
            ehlo = closingCheck(conn.readReply());
            if (isSuccess(ehlo)) {
                extensions = parseExtensions(ehlo);
                return true;
            }
            if (ehlo.code() < 500) {
                return false;
            }
            phase = "helo";
            conn.send("HELO " + options.heloName());
            helo = closingCheck(conn.readReply());
            return isSuccess(helo);
        }

        /** STARTTLS, the handshake, EHLO again; on a failed handshake, one plaintext reconnect as an MTA would. */
        private SmtpConnection upgrade(SmtpConnection conn) throws SessionAbort {
            phase = "starttls";
            conn.send("STARTTLS");
            Reply reply = closingCheck(conn.readReply());
            if (reply.code() != 220) {
                starttls = new StartTls(reply, false, "STARTTLS refused: " + reply.summary(), null, null, 0, null,
                        null, null, false);
                return conn;
            }
            phase = "tls_handshake";
            long t0 = System.nanoTime();
            TlsHandshake.Result tls;
            try {
                tls = TlsHandshake.perform(conn.socket(), target, deadline);
            } catch (IOException e) {
                if (e instanceof SocketTimeoutException || !Instant.now().isBefore(deadline)) {
                    throw new SessionAbort(EndReason.DEADLINE, "session deadline reached during the TLS handshake");
                }
                String why = TlsHandshake.describe(e);
                transcript.event("TLS handshake failed: " + why);
                conn.closeQuietly();
                transcript.event("reconnecting in plaintext for the transactions");
                SmtpConnection plain = open();
                if (plain == null) {
                    throw new SessionAbort(EndReason.CONNECT_FAILED, "plaintext reconnect failed: " + connect.error());
                }
                starttls = new StartTls(reply, false, why, null, null, 0, null, null, null, true);
                phase = "greeting";
                Reply again = plain.readReply();
                if (again.code() != 220) {
                    throw new SessionAbort(EndReason.GREETING_REFUSED, "on reconnect: " + again.summary());
                }
                phase = "ehlo";
                plain.send("EHLO " + options.heloName());
                Reply ehloAgain = closingCheck(plain.readReply());
                activeExtensions = isSuccess(ehloAgain) ? parseExtensions(ehloAgain) : List.of();
                return plain;
            }
            long handshakeMs = (System.nanoTime() - t0) / 1_000_000;
            transcript.event("TLS handshake: " + tls.protocol() + " " + tls.cipherSuite());
            current.set(tls.socket());
            SmtpConnection secure;
            try {
                secure = new SmtpConnection(tls.socket(), limits, deadline, transcript, budget);
                active = secure;
            } catch (IOException e) {
                throw conn.failure(e);
            }
            tlsActive = true;
            // Recorded before EHLO so that a session cut during the second EHLO still shows the handshake.
            starttls = new StartTls(reply, true, null, tls.protocol(), tls.cipherSuite(), handshakeMs,
                    tls.certificate(), null, null, false);
            phase = "ehlo_tls";
            secure.send("EHLO " + options.heloName());
            Reply ehloTls = closingCheck(secure.readReply());
            List<Extension> tlsExtensions = isSuccess(ehloTls) ? parseExtensions(ehloTls) : List.of();
            starttls = new StartTls(reply, true, null, tls.protocol(), tls.cipherSuite(), handshakeMs,
                    tls.certificate(), ehloTls, tlsExtensions, false);
            activeExtensions = tlsExtensions;
            return secure;
        }

        private void probeTransactions(SmtpConnection conn) throws SessionAbort {
            boolean pipelining = advertised(activeExtensions, "PIPELINING");
            boolean postmasterAccepted = false;
            if (options.testNullSender()) {
                Transaction t = transaction(conn, TransactionKind.NULL_SENDER, "",
                        options.testPostmaster() ? options.postmasterAddress() : null, pipelining);
                postmasterAccepted = isSuccess(t.mail()) && isSuccess(t.rcpt());
            }
            // Postfix refuses a sender at RCPT time by default (smtpd_delay_reject): when the null-sender
            // RCPT was not accepted, asking again with an ordinary sender tells a refused <> from a
            // refused postmaster.
            if (options.testPostmaster() && !postmasterAccepted) {
                transaction(conn, TransactionKind.POSTMASTER, options.ordinarySender(), options.postmasterAddress(),
                        pipelining);
            }
            if (options.testOpenRelay()) {
                transaction(conn, TransactionKind.OPEN_RELAY, options.relaySender(), options.relayRecipient(),
                        pipelining);
            }
        }

        /** MAIL, RCPT (unless null), RSET — in one batch when the server pipelines. Never DATA. */
        private Transaction transaction(SmtpConnection conn, TransactionKind kind, String from, String to,
                                        boolean pipelining) throws SessionAbort {
            String mailCommand = "MAIL FROM:<" + from + ">";
            String rcptCommand = to == null ? null : "RCPT TO:<" + to + ">";
            Reply mail = null;
            Reply rcpt = null;
            Reply rset = null;
            boolean rcptSent = false;
            try {
                if (pipelining) {
                    List<String> batch = new ArrayList<>();
                    batch.add(mailCommand);
                    if (rcptCommand != null) {
                        batch.add(rcptCommand);
                        rcptSent = true;
                    }
                    batch.add("RSET");
                    phase = "mail";
                    conn.sendBatch(batch);
                    mail = conn.readReply();
                    closingCheck(mail);
                    if (rcptSent) {
                        phase = "rcpt";
                        rcpt = conn.readReply();
                        closingCheck(rcpt);
                    }
                    phase = "rset";
                    rset = conn.readReply();
                } else {
                    phase = "mail";
                    conn.send(mailCommand);
                    mail = conn.readReply();
                    closingCheck(mail);
                    if (rcptCommand != null && isSuccess(mail)) {
                        phase = "rcpt";
                        conn.send(rcptCommand);
                        rcptSent = true;
                        rcpt = conn.readReply();
                        closingCheck(rcpt);
                    }
                    phase = "rset";
                    conn.send("RSET");
                    rset = conn.readReply();
                }
            } catch (SessionAbort abort) {
                transactions.add(new Transaction(kind, from, rcptSent ? to : null, pipelining, tlsActive, mail, rcpt,
                        rset, abort.getMessage()));
                throw abort;
            }
            Transaction done = new Transaction(kind, from, rcptSent ? to : null, pipelining, tlsActive, mail, rcpt,
                    rset, null);
            transactions.add(done);
            closingCheck(rset);
            return done;
        }

        /**
         * After a limit or garbage the connection is still up: say QUIT, but do not wait for an answer
         * from a server that has just shown it cannot be trusted to give one.
         */
        private void quitAfterMisbehaviour(EndReason reason) {
            boolean stillUp = switch (reason) {
                case LIMIT_LINE_LENGTH, LIMIT_REPLY_LINES, LIMIT_SESSION_BYTES, PROTOCOL_ERROR -> true;
                default -> false;
            };
            if (stillUp && active != null) {
                try {
                    active.send("QUIT");
                } catch (SessionAbort ignored) {
                    // The server may already be gone.
                }
            }
        }

        private void sayQuit(SmtpConnection conn) {
            phase = "quit";
            try {
                conn.send("QUIT");
                quit = conn.readReply();
            } catch (SessionAbort ignored) {
                // Many servers close right after 221 or without it: QUIT was said, nothing to judge.
            }
        }

        /** 421 means the server is closing the channel (RFC 5321 §3.8): nothing more can be asked. */
        private Reply closingCheck(Reply reply) throws SessionAbort {
            if (reply != null && reply.code() == 421) {
                throw new SessionAbort(EndReason.CONNECTION_CLOSED, "server closing the session: " + reply.summary());
            }
            return reply;
        }

        /** Opens a TCP connection; null (with {@link #connect} recording why) when it did not open. */
        private SmtpConnection open() throws SessionAbort {
            phase = "connect";
            Socket socket = new Socket();
            current.set(socket);
            long t0 = System.nanoTime();
            long remaining = deadline.toEpochMilli() - System.currentTimeMillis();
            try {
                if (remaining <= 0) {
                    throw new SocketTimeoutException("session deadline reached before connecting");
                }
                socket.connect(new InetSocketAddress(target.address(), target.port()), (int) remaining);
                socket.setTcpNoDelay(true);
            } catch (IOException e) {
                long ms = (System.nanoTime() - t0) / 1_000_000;
                ConnectFailure failure = classify(e);
                String detail = failure + ": " + e.getMessage();
                connect = new Connect(false, failure, detail, ms);
                transcript.event("connect to " + endpoint() + " failed: " + e.getMessage());
                return null;
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            connect = new Connect(true, null, null, ms);
            connectedAtMs = transcript.elapsedMs();
            transcript.event("connected to " + endpoint() + " in " + ms + " ms");
            try {
                active = new SmtpConnection(socket, limits, deadline, transcript, budget);
                return active;
            } catch (IOException e) {
                throw new SessionAbort(EndReason.IO_ERROR, String.valueOf(e.getMessage()));
            }
        }

        private ConnectFailure classify(IOException e) {
            if (e instanceof SocketTimeoutException || !Instant.now().isBefore(deadline)) {
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

    private static boolean isSuccess(Reply reply) {
        return reply != null && reply.code() / 100 == 2;
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
            parsed.add(new Extension(words[0].toUpperCase(java.util.Locale.ROOT),
                    List.of(words).subList(1, words.length)));
        }
        return parsed;
    }
}
