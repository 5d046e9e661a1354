package org.checkersmtp.collect.smtp;

import java.util.ArrayList;
import java.util.List;
import org.checkersmtp.observation.EndReason;
import org.checkersmtp.observation.Phase;
import org.checkersmtp.observation.Reply;
import org.checkersmtp.observation.Transaction;
import org.checkersmtp.observation.TransactionKind;
import org.checkersmtp.options.CheckOptions;

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
        final List<Command> sent = new ArrayList<>();
        /** The command whose reply is being read. */
        Command awaiting;
        Reply mail;
        Reply rcpt;
        Reply rset;

        Probe(TransactionKind kind, String from, String to) {
            this.kind = kind;
            this.from = from;
            this.to = to;
        }

        List<Command> commands() {
            return to == null ? List.of(Command.mail(from), Command.RSET)
                    : List.of(Command.mail(from), Command.rcpt(to), Command.RSET);
        }

        void answer(Command command, Reply reply) {
            switch (command.phase()) {
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
            boolean rcptSent = sent.stream().anyMatch(c -> c.phase() == Phase.RCPT);
            return new Transaction(kind, from, rcptSent ? to : null, pipelined, tls, mail, rcpt, rset, error);
        }
    }

    /** Runs the probes and says QUIT; returns the reply to QUIT, or null when none came. */
    Reply run(SmtpConnection conn, boolean pipelining) throws SessionAbort {
        Probe nullSender = null;
        if (options.testNullSender()) {
            nullSender = nullSender();
            transaction(conn, nullSender, pipelining);
        }
        if (postmasterNeeded(nullSender)) {
            transaction(conn, postmaster(), pipelining);
        }
        if (options.testOpenRelay()) {
            transaction(conn, openRelay(), pipelining);
        }
        try {
            return conn.quit();
        } catch (SessionAbort ignored) {
            // Many servers close right after 221 or without it: QUIT was said, nothing to judge.
            return null;
        }
    }

    private void transaction(SmtpConnection conn, Probe probe, boolean pipelining) throws SessionAbort {
        try {
            if (pipelining) {
                conn.send(probe.commands());
                probe.sent.addAll(probe.commands());
                for (Command command : probe.commands()) {
                    await(conn, probe, command);
                }
                recorded.add(probe.record(true, conn.insideTls(), null));
                return;
            }
            for (Command command : probe.commands()) {
                if (command.phase() == Phase.RCPT && !probe.mail.isPositiveCompletion()) {
                    continue; // a refused sender leaves nothing for RCPT to say
                }
                conn.send(List.of(command));
                probe.sent.add(command);
                await(conn, probe, command);
            }
        } catch (SessionAbort abort) {
            answerWithAbort(probe, abort);
            recorded.add(probe.record(pipelining, conn.insideTls(), abort.getMessage()));
            throw abort;
        }
        recorded.add(probe.record(false, conn.insideTls(), null));
    }

    private static void await(SmtpConnection conn, Probe probe, Command command) throws SessionAbort {
        probe.awaiting = command;
        probe.answer(command, conn.reply(command));
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
        return options.testPostmaster() && (nullSender == null || !nullSender.recipientAccepted());
    }

    private Probe nullSender() {
        return new Probe(TransactionKind.NULL_SENDER, "", options.testPostmaster() ? options.postmasterAddress() : null);
    }

    private Probe postmaster() {
        return new Probe(TransactionKind.POSTMASTER, options.ordinarySender(), options.postmasterAddress());
    }

    private Probe openRelay() {
        return new Probe(TransactionKind.OPEN_RELAY, options.relaySender(), options.relayRecipient());
    }
}
