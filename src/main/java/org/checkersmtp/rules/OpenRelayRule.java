package org.checkersmtp.rules;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.checkersmtp.i18n.Text;
import org.checkersmtp.observation.EndpointProbe;
import org.checkersmtp.observation.OptionalProbe;
import org.checkersmtp.observation.Reply;
import org.checkersmtp.observation.SmtpObservation;
import org.checkersmtp.observation.Transaction;
import org.checkersmtp.observation.TransactionKind;
import org.checkersmtp.options.Hostnames;
import org.checkersmtp.options.InvalidOptionException;
import org.checkersmtp.options.OptionsParser;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Mail from an outside sender to an outside recipient is refused: the server is not an open relay. */
@Component
@Order(130)
public class OpenRelayRule extends ProbeRule {

    static final RuleCode REFUSED = new RuleCode("smtp.open_relay.refused", Status.OK);
    static final RuleCode OPEN = new RuleCode("smtp.open_relay", Status.CRIT).fixedFirst();
    static final RuleCode INCONCLUSIVE = new RuleCode("smtp.open_relay.inconclusive", Status.WARN);
    static final RuleCode SKIPPED = new RuleCode("smtp.open_relay.skipped", Status.INFO);
    private static final EndpointRules.Generic GENERIC = EndpointRules.Generic.of("smtp.open_relay");

    public OpenRelayRule() {
        super(OptionalProbe.OPEN_RELAY, SKIPPED, GENERIC,
                Text.of("what.probe.open_relay"), Text.of("what.relay_posture"));
    }

    /** True for the state that finds an endpoint open (the report badges it and lists it first). */
    public static boolean findsOpenRelay(CheckState state) {
        return OPEN.code().equals(state.code());
    }

    @Override
    public String name() {
        return "smtp.open_relay";
    }

    @Override
    public List<RuleCode> codes() {
        return GENERIC.with(REFUSED, OPEN, INCONCLUSIVE, SKIPPED);
    }

    /** A stored probe address that could never be sent is worth knowing before the first run. */
    @Override
    public Optional<Text> precheck(Map<String, Object> options) {
        Object address = options.get(OptionsParser.TEST_PROBE_ADDRESS);
        if (address == null || (address instanceof String s && s.isBlank())) {
            return Optional.empty();
        }
        if (!(address instanceof String text)) {
            return Optional.of(Text.of("option.refused", "option", OptionsParser.TEST_PROBE_ADDRESS,
                    "reason", Text.of("option.error.string")));
        }
        try {
            Hostnames.normalizeAddress(OptionsParser.TEST_PROBE_ADDRESS, text);
            return Optional.empty();
        } catch (InvalidOptionException e) {
            return Optional.of(e.text());
        }
    }

    @Override
    CheckState judge(SmtpObservation obs, EndpointProbe e) {
        Optional<Transaction> found = e.transaction(TransactionKind.OPEN_RELAY);
        if (found.isEmpty() || found.get().mail() == null) {
            return EndpointRules.untested(e, GENERIC, Text.of("what.the_relay_probe"));
        }
        Transaction t = found.get();
        String to = t.rcptTo() != null ? t.rcptTo() : obs.probe() != null ? obs.probe().relayRecipient() : "?";
        String swaks = Reproduce.swaks(obs, e, t.mailFrom(), to, "RCPT");
        String mailLine = "MAIL FROM:<" + t.mailFrom() + "> → " + t.mail().summary();
        Reply mail = t.mail();
        if (mail.permanentFailure()) {
            return States.of(REFUSED, "smtp.open_relay.refused.message", "endpoint", e.label(),
                    "mailReply", mail.summary()).subject(e.subject()).build();
        }
        if (mail.transientFailure()) {
            return inconclusive(e, mailLine, swaks);
        }
        Reply rcpt = t.rcpt();
        if (rcpt == null) {
            return EndpointRules.untested(e, GENERIC, Text.of("what.rcpt_to", "to", to));
        }
        String rcptLine = "RCPT TO:<" + to + "> → " + rcpt.summary();
        if (EndpointRules.isSuccess(rcpt)) {
            return States.of(OPEN, "smtp.open_relay.message", "endpoint", e.label(), "mailFrom", t.mailFrom(), "to", to,
                    "domain", obs.domain(), "rcptReply", rcpt.summary())
                    .subject(e.subject()).evidence(mailLine, rcptLine).reproduce(swaks)
                    .reference("RFC 5321 §7.1, RFC 2505").build();
        }
        if (rcpt.transientFailure()) {
            return inconclusive(e, rcptLine, swaks);
        }
        return States.of(REFUSED, "smtp.open_relay.refused.message.2", "endpoint", e.label(), "to", to,
                "rcptReply", rcpt.summary())
                .subject(e.subject()).build();
    }

    private static CheckState inconclusive(EndpointProbe e, String line, String swaks) {
        return States.of(INCONCLUSIVE, "smtp.open_relay.inconclusive.message", "endpoint", e.label(), "line", line)
                .subject(e.subject()).evidence(line).reproduce(swaks).build();
    }
}
