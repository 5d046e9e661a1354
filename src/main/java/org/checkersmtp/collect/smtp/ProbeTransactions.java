package org.checkersmtp.collect.smtp;

import java.util.ArrayList;
import java.util.List;
import org.checkersmtp.observation.EndReason;
import org.checkersmtp.observation.OptionalProbe;
import org.checkersmtp.observation.Phase;
import org.checkersmtp.observation.Reply;
import org.checkersmtp.observation.Transaction;
import org.checkersmtp.observation.TransactionKind;
import org.checkersmtp.options.CheckOptions;
import org.checkersmtp.smtp.Command;
import org.checkersmtp.smtp.ReplyCode;
import org.checkersmtp.smtp.SessionAbort;
import org.checkersmtp.smtp.SmtpConnection;

/**
 * The MAIL/RCPT probes of one session, each ended by RSET (never DATA), then QUIT. With PIPELINING
 * they all travel as one group (RFC 2920), QUIT last; without it, one command at a time.
 */
final class ProbeTransactions {

    private final CheckOptions options;
    /** Where finished transactions go, so that a session cut half-way still shows them. */
    private final List<Transaction> recorded;

    ProbeTransactions(CheckOptions options, List<Transaction> recorded) {
        this.options = options;
        this.recorded = recorded;
    }

    /** One probe transaction and the replies it got so far. */
    private static final class Probe {
        final TransactionKind kind;
        final String from;
        /** Null when the transaction asks nothing of RCPT. */
        final String to;
        boolean rcptSent;
        /** The phase whose reply is being read. */
        Phase awaiting;
        Reply mail;
        Reply rcpt;
        Reply rset;

        Probe(OptionalProbe probe, String from, String to) {
            this.kind = probe.kind();
            this.from = from;
            this.to = to;
        }

        List<Command> commands() {
            return to == null ? List.of(Command.mail(from), Command.RSET)
                    : List.of(Command.mail(from), Command.rcpt(to), Command.RSET);
        }

        void answer(Phase phase, Reply reply) {
            switch (phase) {
                case MAIL -> mail = reply;
                case RCPT -> rcpt = reply;
                default -> rset = reply;
            }
        }

        boolean answered() {
            return mail != null;
        }

        boolean recipientAccepted() {
            return mail != null && mail.isPositiveCompletion() && rcpt != null && rcpt.isPositiveCompletion();
        }

        Transaction record(boolean pipelined, boolean tls, String error) {
            return new Transaction(kind, from, rcptSent ? to : null, pipelined, tls, mail, rcpt, rset, error);
        }

        /** As sent, without the replies that could not be matched to it. */
        Transaction recordUnmatched(boolean tls, String error) {
            return new Transaction(kind, from, rcptSent ? to : null, true, tls, null, null, null, error);
        }
    }

    /** Runs the probes and says QUIT; returns the reply to QUIT, or null when none came. */
    Reply run(SmtpConnection conn, boolean pipelining) throws SessionAbort {
        return pipelining ? inOneGroup(conn) : oneAtATime(conn);
    }

    /**
     * Every probe and QUIT in one group, replies matched to commands in order: the probes cost one
     * round trip. Whether the postmaster re-probe is needed is only known from the null-sender RCPT
     * reply; waiting for it would keep QUIT out of the group and cost every server one more round
     * trip, so the re-probe travels in the group speculatively and is recorded only when it was
     * needed. The transactions are thus those of the one-at-a-time conversation, whichever way the
     * server was spoken to, and the transcript still shows every line sent.
     */
    private Reply inOneGroup(SmtpConnection conn) throws SessionAbort {
        Probe nullSender = options.makes(OptionalProbe.NULL_SENDER) ? nullSender() : null;
        Probe postmaster = options.makes(OptionalProbe.POSTMASTER) ? postmaster() : null;
        Probe speculative = nullSender != null ? postmaster : null;
        List<Probe> probes = new ArrayList<>();
        Probe openRelay = options.makes(OptionalProbe.OPEN_RELAY) ? openRelay() : null;
        for (Probe probe : new Probe[] {nullSender, postmaster, openRelay}) {
            if (probe != null) {
                probes.add(probe);
            }
        }
        List<Command> group = new ArrayList<>();
        for (Probe probe : probes) {
            probe.rcptSent = probe.to != null;
            group.addAll(probe.commands());
        }
        group.add(Command.QUIT);
        conn.send(group);
        Probe reading = null;
        try {
            int replies = 0;
            for (Probe probe : probes) {
                reading = probe;
                for (Command command : probe.commands()) {
                    replies++;
                    probe.awaiting = command.phase();
                    Reply reply = conn.reply(command);
                    probe.answer(command.phase(), reply);
                    if (reply.code() == ReplyCode.SERVICE_CLOSING) {
                        throw new SessionAbort(EndReason.PIPELINING_MISMATCH, "fewer replies than the "
                                + group.size() + " pipelined commands: reply " + replies + " ("
                                + command.line() + ") was " + reply.summary() + ", the answer to QUIT");
                    }
                }
            }
            reading = null;
        } catch (SessionAbort abort) {
            if (abort.reason() == EndReason.PIPELINING_MISMATCH) {
                recordUnmatched(conn, probes, speculative, abort);
            } else {
                if (reading != null) {
                    answerWithAbort(reading, abort);
                }
                recordAnswered(conn, probes, nullSender, speculative, reading, abort.getMessage());
            }
            throw abort;
        }
        Reply quit;
        try {
            quit = conn.reply(Command.QUIT);
            if (quit.code() != ReplyCode.SERVICE_CLOSING) {
                expectNoMoreReplies(conn, quit, group.size());
            }
        } catch (SessionAbort abort) {
            if (abort.reason() == EndReason.PIPELINING_MISMATCH) {
                recordUnmatched(conn, probes, speculative, abort);
                throw abort;
            }
            quit = null; // many servers close right after 221 or without it: QUIT was said, nothing to judge
        }
        recordAnswered(conn, probes, nullSender, speculative, null, null);
        return quit;
    }

    /**
     * QUIT's turn brought something other than 221. A server in step closes now (RFC 5321 §4.1.1.10);
     * one that sends another reply had answered some command twice, and every reply is out of place.
     */
    private static void expectNoMoreReplies(SmtpConnection conn, Reply quitTurn, int commands) throws SessionAbort {
        Reply extra;
        try {
            extra = conn.reply(Command.QUIT);
        } catch (SessionAbort nothingMore) {
            return;
        }
        throw new SessionAbort(EndReason.PIPELINING_MISMATCH, "more replies than the " + commands
                + " pipelined commands: " + quitTurn.summary() + " came in QUIT's turn, then " + extra.summary());
    }

    /**
     * The probes that got replies and the one the session ended in, in order; the speculative postmaster
     * probe only when it was needed.
     */
    private void recordAnswered(SmtpConnection conn, List<Probe> probes, Probe nullSender, Probe speculative,
                                Probe cut, String error) {
        for (Probe probe : probes) {
            if ((probe.answered() || probe == cut) && (probe != speculative || postmasterNeeded(nullSender))) {
                recorded.add(probe.record(true, conn.insideTls(), probe == cut ? error : null));
            }
        }
    }

    /**
     * Replies out of step say nothing reliable about any probe: each is recorded as sent, without
     * replies (whether the speculative one was needed cannot be known).
     */
    private void recordUnmatched(SmtpConnection conn, List<Probe> probes, Probe speculative, SessionAbort abort) {
        for (Probe probe : probes) {
            if (probe != speculative) {
                recorded.add(probe.recordUnmatched(conn.insideTls(), abort.getMessage()));
            }
        }
    }

    private Reply oneAtATime(SmtpConnection conn) throws SessionAbort {
        Probe nullSender = null;
        if (options.makes(OptionalProbe.NULL_SENDER)) {
            nullSender = nullSender();
            oneAtATime(conn, nullSender);
        }
        if (postmasterNeeded(nullSender)) {
            oneAtATime(conn, postmaster());
        }
        if (options.makes(OptionalProbe.OPEN_RELAY)) {
            oneAtATime(conn, openRelay());
        }
        try {
            return conn.quit();
        } catch (SessionAbort ignored) {
            // Many servers close right after 221 or without it: QUIT was said, nothing to judge.
            return null;
        }
    }

    /** MAIL, RCPT when the sender was accepted (a refused one leaves RCPT nothing to say), RSET. */
    private void oneAtATime(SmtpConnection conn, Probe probe) throws SessionAbort {
        try {
            probe.awaiting = Phase.MAIL;
            probe.mail = conn.mail(probe.from);
            if (probe.to != null && probe.mail.isPositiveCompletion()) {
                probe.awaiting = Phase.RCPT;
                probe.rcptSent = true;
                probe.rcpt = conn.rcpt(probe.to);
            }
            probe.awaiting = Phase.RSET;
            probe.rset = conn.rset();
        } catch (SessionAbort abort) {
            answerWithAbort(probe, abort);
            recorded.add(probe.record(false, conn.insideTls(), abort.getMessage()));
            throw abort;
        }
        recorded.add(probe.record(false, conn.insideTls(), null));
    }

    /** A 421 that ended the session is still the reply to the command that was awaited. */
    private static void answerWithAbort(Probe probe, SessionAbort abort) {
        if (abort.reply() != null && probe.awaiting != null) {
            probe.answer(probe.awaiting, abort.reply());
        }
    }

    /**
     * Postfix refuses a sender at RCPT time by default (smtpd_delay_reject): when the null-sender RCPT
     * was not accepted, asking again with an ordinary sender tells a refused &lt;&gt; from a refused postmaster.
     */
    private boolean postmasterNeeded(Probe nullSender) {
        return options.makes(OptionalProbe.POSTMASTER) && (nullSender == null || !nullSender.recipientAccepted());
    }

    private Probe nullSender() {
        return new Probe(OptionalProbe.NULL_SENDER, "",
                options.makes(OptionalProbe.POSTMASTER) ? options.postmasterAddress() : null);
    }

    private Probe postmaster() {
        return new Probe(OptionalProbe.POSTMASTER, options.ordinarySender(), options.postmasterAddress());
    }

    private Probe openRelay() {
        return new Probe(OptionalProbe.OPEN_RELAY, options.relaySender(), options.relayRecipient());
    }
}
