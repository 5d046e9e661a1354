package org.checkersmtp.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.checkersmtp.i18n.Text;
import org.checkersmtp.observation.EndpointProbe;
import org.checkersmtp.observation.OptionalProbe;
import org.checkersmtp.observation.Reply;
import org.checkersmtp.observation.SmtpObservation;
import org.checkersmtp.observation.Transaction;
import org.checkersmtp.observation.TransactionKind;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * {@code MAIL FROM:<>} is accepted: bounces and delivery notifications use the null sender (RFC 5321
 * §4.5.5). A refusal can come at MAIL, or at RCPT when the MTA delays its verdict (Postfix's default):
 * the refusal is blamed on the sender only when the same recipient was accepted from an ordinary sender.
 */
@Component
@Order(110)
public class NullSenderRule extends ProbeRule {

    static final RuleCode ACCEPTED = new RuleCode("smtp.null_sender.accepted", Status.OK);
    static final RuleCode REJECTED = new RuleCode("smtp.null_sender.rejected", Status.CRIT);
    static final RuleCode INCONCLUSIVE = new RuleCode("smtp.null_sender.inconclusive", Status.WARN);
    static final RuleCode SKIPPED = new RuleCode("smtp.null_sender.skipped", Status.INFO);
    private static final EndpointRules.Generic GENERIC = EndpointRules.Generic.of("smtp.null_sender");

    public NullSenderRule() {
        super(OptionalProbe.NULL_SENDER, SKIPPED, GENERIC,
                Text.of("what.probe.null_sender"), Text.of("what.null_sender_acceptance"));
    }

    @Override
    public String name() {
        return "smtp.null_sender";
    }

    @Override
    public List<RuleCode> codes() {
        return GENERIC.with(ACCEPTED, REJECTED, INCONCLUSIVE, SKIPPED);
    }

    @Override
    CheckState judge(SmtpObservation obs, EndpointProbe e) {
        Optional<Transaction> found = e.transaction(TransactionKind.NULL_SENDER);
        if (found.isEmpty() || found.get().mail() == null) {
            return EndpointRules.untested(e, GENERIC, Text.of("what.mail_from"));
        }
        Transaction t = found.get();
        Reply mail = t.mail();
        String swaks = Reproduce.swaks(obs, e, "", t.rcptTo(), t.rcptTo() == null ? "MAIL" : "RCPT");
        if (mail.permanentFailure()) {
            return States.of(REJECTED, "smtp.null_sender.rejected.message", "endpoint", e.label(),
                    "mailReply", mail.summary())
                    .subject(e.subject()).evidence("MAIL FROM:<> → " + mail.summary()).reproduce(swaks)
                    .reference("RFC 5321 §4.5.5").build();
        }
        if (mail.transientFailure()) {
            return inconclusive(e, "MAIL FROM:<>", mail, swaks);
        }
        if (!EndpointRules.isSuccess(mail)) {
            return EndpointRules.untested(e, GENERIC, Text.of("what.mail_from"));
        }
        Reply rcpt = t.rcpt();
        if (rcpt != null && rcpt.permanentFailure()) {
            Optional<Reply> ordinary = e.transaction(TransactionKind.POSTMASTER).map(Transaction::rcpt);
            boolean ordinaryPasses = ordinary.isPresent() && EndpointRules.isSuccess(ordinary.get());
            if (ordinaryPasses || blamesTheSender(rcpt)) {
                Text because = Text.of(ordinaryPasses ? "smtp.null_sender.because.ordinary_accepted"
                        : "smtp.null_sender.because.blames_sender");
                List<String> evidence = new ArrayList<>(List.of("MAIL FROM:<> → " + mail.summary(),
                        "RCPT TO:<" + t.rcptTo() + "> → " + rcpt.summary()));
                ordinary.ifPresent(r -> evidence.add("with an ordinary sender: " + r.summary()));
                return States.of(REJECTED, "smtp.null_sender.rejected.message.2", "endpoint", e.label(),
                        "rcptTo", t.rcptTo(), "rcptReply", rcpt.summary(), "because", because)
                        .subject(e.subject()).evidence(evidence).reproduce(swaks).reference("RFC 5321 §4.5.5").build();
            }
        }
        if (rcpt != null && rcpt.transientFailure()) {
            return inconclusive(e, "RCPT TO:<" + t.rcptTo() + "> after MAIL FROM:<>", rcpt, swaks);
        }
        return States.of(ACCEPTED, "smtp.null_sender.accepted.message", "endpoint", e.label(),
                "mailReply", mail.summary())
                .subject(e.subject()).build();
    }

    /**
     * A delayed sender verdict names the sender: RFC 3463 x.1.7/x.1.8 (bad sender), or the text, as in
     * Postfix's "&lt;&gt;: Sender address rejected" and Exim's "sender verify failed".
     */
    private static boolean blamesTheSender(Reply rcpt) {
        String enhanced = rcpt.enhanced() == null ? "" : rcpt.enhanced();
        String text = String.join(" ", rcpt.lines()).toLowerCase(java.util.Locale.ROOT);
        return enhanced.endsWith(".1.7") || enhanced.endsWith(".1.8") || text.contains("sender");
    }

    private static CheckState inconclusive(EndpointProbe e, String what, Reply reply, String swaks) {
        return States.of(INCONCLUSIVE, "smtp.null_sender.inconclusive.message", "endpoint", e.label(), "what", what,
                "reply", reply.summary())
                .subject(e.subject()).evidence(what + " → " + reply.summary()).reproduce(swaks).build();
    }
}
