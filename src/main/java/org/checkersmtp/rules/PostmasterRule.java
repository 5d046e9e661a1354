package org.checkersmtp.rules;

import java.util.List;
import java.util.Optional;
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

    static final RuleCode ACCEPTED = new RuleCode("smtp.postmaster.accepted", Status.OK,
            "postmaster@domain is accepted.", null);
    static final RuleCode REJECTED = new RuleCode("smtp.postmaster.rejected", Status.CRIT,
            "postmaster@domain is refused: RFC 5321 §4.5.1 requires every mail domain to accept it, and abuse "
                    + "and delivery reports go there.",
            "Create the postmaster address (Postfix: \"postmaster: root\" in /etc/aliases and newaliases, or a "
                    + "virtual_alias_maps entry for postmaster@domain) and exempt it from recipient restrictions "
                    + "(check_recipient_access ... postmaster@ OK before the rejecting rules; Exim: accept "
                    + "local_parts = postmaster early in the RCPT ACL).");
    static final RuleCode INCONCLUSIVE = new RuleCode("smtp.postmaster.inconclusive", Status.WARN,
            "Inconclusive: postmaster got a temporary answer (4xx: greylisting, throttling).",
            "Nothing to fix if it is greylisting; run the check again later.");
    static final RuleCode SKIPPED = new RuleCode("smtp.postmaster.skipped", Status.INFO,
            "The postmaster probe was turned off (option test_postmaster=false).", null);
    private static final EndpointRules.Generic GENERIC = EndpointRules.Generic.of("smtp.postmaster",
            "postmaster acceptance");

    public PostmasterRule() {
        super(OptionalProbe.POSTMASTER, SKIPPED, GENERIC,
                "postmaster", "postmaster acceptance");
    }

    @Override
    public String name() {
        return "smtp.postmaster";
    }

    @Override
    public String description() {
        return "RCPT TO:<postmaster@domain> is accepted (RFC 5321 §4.5.1); 4xx is inconclusive.";
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
            return EndpointRules.untested(e, GENERIC, "RCPT TO:<postmaster@" + obs.domain() + ">");
        }
        Transaction t = found.get();
        String postmaster = t.rcptTo() == null ? "postmaster@" + obs.domain() : t.rcptTo();
        String swaks = Reproduce.swaks(obs, e, t.mailFrom(), postmaster, "RCPT");
        Reply rcpt = t.rcpt();
        if (rcpt == null) {
            Reply mail = t.mail();
            if (mail.transientFailure()) {
                return States.of(INCONCLUSIVE, e.label() + ": inconclusive — the sender was temporarily refused ("
                                + mail.summary() + "), so RCPT TO:<" + postmaster + "> could not be asked.")
                        .subject(e.subject()).evidence("MAIL FROM:<" + t.mailFrom() + "> → " + mail.summary())
                        .reproduce(swaks).build();
            }
            return EndpointRules.untested(e, GENERIC, "RCPT TO:<" + postmaster + "> (the sender was refused: "
                    + mail.summary() + ")");
        }
        if (EndpointRules.isSuccess(rcpt)) {
            return States.of(ACCEPTED, e.label() + " accepts RCPT TO:<" + postmaster + "> (" + rcpt.summary()
                    + ").").subject(e.subject()).build();
        }
        if (rcpt.transientFailure()) {
            return States.of(INCONCLUSIVE, e.label() + ": inconclusive — RCPT TO:<" + postmaster
                            + "> temporarily refused with " + rcpt.summary() + ".")
                    .subject(e.subject()).evidence("RCPT TO:<" + postmaster + "> → " + rcpt.summary())
                    .reproduce(swaks).build();
        }
        return States.of(REJECTED, e.label() + ": RCPT TO:<" + postmaster + "> rejected with " + rcpt.summary()
                        + ".")
                .subject(e.subject())
                .evidence("MAIL FROM:<" + t.mailFrom() + "> → " + t.mail().summary(),
                        "RCPT TO:<" + postmaster + "> → " + rcpt.summary())
                .reproduce(swaks).reference("RFC 5321 §4.5.1").build();
    }
}
