package org.checkersmtp.rules;

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

/** {@code RCPT TO:<postmaster@domain>} is accepted: every mail domain must have a postmaster (RFC 5321 §4.5.1). */
@Component
@Order(120)
public class PostmasterRule extends ProbeRule {

    static final RuleCode ACCEPTED = new RuleCode("smtp.postmaster.accepted", Status.OK);
    static final RuleCode REJECTED = new RuleCode("smtp.postmaster.rejected", Status.CRIT);
    static final RuleCode INCONCLUSIVE = new RuleCode("smtp.postmaster.inconclusive", Status.WARN);
    static final RuleCode SKIPPED = new RuleCode("smtp.postmaster.skipped", Status.INFO);
    private static final EndpointRules.Generic GENERIC = EndpointRules.Generic.of("smtp.postmaster");

    public PostmasterRule() {
        super(OptionalProbe.POSTMASTER, SKIPPED, GENERIC,
                Text.of("what.probe.postmaster"), Text.of("what.postmaster_acceptance"));
    }

    @Override
    public String name() {
        return "smtp.postmaster";
    }

    @Override
    public List<RuleCode> codes() {
        return GENERIC.with(ACCEPTED, REJECTED, INCONCLUSIVE, SKIPPED);
    }

    /** The ordinary-sender probe isolates the recipient's verdict; else the null-sender one, when it asked RCPT. */
    private static Optional<Transaction> probe(EndpointProbe e) {
        Optional<Transaction> ordinary = e.transaction(TransactionKind.POSTMASTER);
        if (ordinary.isPresent()) {
            return ordinary;
        }
        return e.transaction(TransactionKind.NULL_SENDER).filter(t -> t.rcptTo() != null);
    }

    @Override
    CheckState judge(SmtpObservation obs, EndpointProbe e) {
        Optional<Transaction> found = probe(e);
        if (found.isEmpty() || found.get().mail() == null) {
            return EndpointRules.untested(e, GENERIC, Text.of("what.rcpt_to", "to", "postmaster@" + obs.domain()));
        }
        Transaction t = found.get();
        String postmaster = t.rcptTo() == null ? "postmaster@" + obs.domain() : t.rcptTo();
        String swaks = Reproduce.swaks(obs, e, t.mailFrom(), postmaster, "RCPT");
        Reply rcpt = t.rcpt();
        if (rcpt == null) {
            Reply mail = t.mail();
            if (mail.transientFailure()) {
                return States.of(INCONCLUSIVE, "smtp.postmaster.inconclusive.message", "endpoint", e.label(),
                        "mailReply", mail.summary(), "postmaster", postmaster)
                        .subject(e.subject()).evidence("MAIL FROM:<" + t.mailFrom() + "> → " + mail.summary())
                        .reproduce(swaks).build();
            }
            return EndpointRules.untested(e, GENERIC, Text.of("what.rcpt_to_sender_refused", "to", postmaster,
                    "mailReply", mail.summary()));
        }
        if (EndpointRules.isSuccess(rcpt)) {
            return States.of(ACCEPTED, "smtp.postmaster.accepted.message", "endpoint", e.label(),
                    "postmaster", postmaster, "rcptReply", rcpt.summary()).subject(e.subject()).build();
        }
        if (rcpt.transientFailure()) {
            return States.of(INCONCLUSIVE, "smtp.postmaster.inconclusive.message.2", "endpoint", e.label(),
                    "postmaster", postmaster, "rcptReply", rcpt.summary())
                    .subject(e.subject()).evidence("RCPT TO:<" + postmaster + "> → " + rcpt.summary())
                    .reproduce(swaks).build();
        }
        return States.of(REJECTED, "smtp.postmaster.rejected.message", "endpoint", e.label(), "postmaster", postmaster,
                "rcptReply", rcpt.summary())
                .subject(e.subject())
                .evidence("MAIL FROM:<" + t.mailFrom() + "> → " + t.mail().summary(),
                        "RCPT TO:<" + postmaster + "> → " + rcpt.summary())
                .reproduce(swaks).reference("RFC 5321 §4.5.1").build();
    }
}
