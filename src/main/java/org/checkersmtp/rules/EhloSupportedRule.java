package org.checkersmtp.rules;

import java.util.ArrayList;
import java.util.List;
import org.checkersmtp.observation.EndReason;
import org.checkersmtp.observation.EndpointProbe;
import org.checkersmtp.observation.Phase;
import org.checkersmtp.observation.Reply;
import org.checkersmtp.observation.SmtpObservation;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** EHLO is accepted: without it there is no ESMTP (no STARTTLS, no SIZE, no 8BITMIME). */
@Component
@Order(60)
public class EhloSupportedRule implements Rule {

    static final RuleCode OK = new RuleCode("smtp.ehlo_supported.ok", Status.OK, "EHLO is accepted.", null);
    static final RuleCode REFUSED = new RuleCode("smtp.ehlo_supported.refused", Status.CRIT,
            "EHLO is refused: the server speaks only old SMTP (HELO), so no STARTTLS, SIZE or 8BITMIME.",
            "Enable ESMTP in the MTA (Postfix: remove \"smtpd_discard_ehlo_keywords = silent-discard, ehlo\"; "
                    + "Exim: check the helo ACL) or replace the software.");
    static final RuleCode TEMPORARY = new RuleCode("smtp.ehlo_supported.temporary", Status.WARN,
            "Inconclusive: EHLO was temporarily refused (4xx).", "Retry later; check the MTA's load if it persists.");
    static final RuleCode INVALID = new RuleCode("smtp.ehlo_supported.invalid", Status.CRIT,
            "EHLO gets no valid SMTP reply (an endless reply, an overlong line, or something that is not SMTP).",
            "Find what answers EHLO: an MTA or proxy that lists too many extensions, loops, or is not an MTA.");
    private static final EndpointRules.Generic GENERIC = EndpointRules.Generic.of("smtp.ehlo_supported",
            "EHLO support");

    @Override
    public String name() {
        return "smtp.ehlo_supported";
    }

    @Override
    public String description() {
        return "Every endpoint accepts EHLO (ESMTP); HELO alone means no STARTTLS.";
    }

    @Override
    public List<RuleCode> codes() {
        return GENERIC.with(OK, REFUSED, TEMPORARY, INVALID);
    }

    @Override
    public List<CheckState> evaluate(SmtpObservation obs, RuleContext context) {
        return EndpointRules.perEndpoint(obs, GENERIC, "EHLO", e -> judge(obs, e));
    }

    private CheckState judge(SmtpObservation obs, EndpointProbe e) {
        Reply ehlo = e.ehlo();
        String swaks = Reproduce.swaks(obs, e, null, null, "EHLO");
        if (ehlo == null) {
            if (endedBadly(e, Phase.EHLO)) {
                return States.of(INVALID, e.label() + " greets, but EHLO gets no valid reply: " + e.end().detail()
                                + ".")
                        .subject(e.subject()).evidence(EndpointRules.evidence(e)).reproduce(swaks)
                        .reference("RFC 5321 §4.1.1.1").build();
            }
            return EndpointRules.untested(e, GENERIC, "EHLO");
        }
        if (EndpointRules.isSuccess(ehlo)) {
            return States.of(OK, e.label() + " accepts EHLO (" + e.extensions().size() + " extensions advertised).")
                    .subject(e.subject()).build();
        }
        if (ehlo.transientFailure()) {
            return States.of(TEMPORARY, e.label() + ": inconclusive — EHLO temporarily refused with "
                            + ehlo.summary() + ".")
                    .subject(e.subject()).evidence(ehlo.summary()).reproduce(swaks).build();
        }
        Reply helo = e.helo();
        String heloPart = helo == null && endedBadly(e, Phase.HELO)
                ? "HELO gets no valid reply (" + e.end().detail() + "): no mail can be delivered"
                : helo == null ? "HELO was not tried"
                : EndpointRules.isSuccess(helo) ? "HELO works (" + helo.summary() + "), so the server speaks only "
                        + "old SMTP: no STARTTLS, SIZE or 8BITMIME"
                : "HELO is refused too (" + helo.summary() + "): no mail can be delivered";
        List<String> evidence = new ArrayList<>(List.of("EHLO: " + ehlo.summary()));
        if (helo != null) {
            evidence.add("HELO: " + helo.summary());
        }
        return States.of(REFUSED, e.label() + " refuses EHLO with " + ehlo.summary() + "; " + heloPart + ".")
                .subject(e.subject()).evidence(evidence).reproduce(swaks).reference("RFC 5321 §4.1.1.1").build();
    }

    /** The session ended in this phase on a reply that broke a limit or was not SMTP (not a timeout or a cut). */
    private static boolean endedBadly(EndpointProbe e, Phase phase) {
        if (e.end() == null || e.end().phase() != phase) {
            return false;
        }
        EndReason reason = e.end().reason();
        return reason == EndReason.PROTOCOL_ERROR || reason == EndReason.LIMIT_LINE_LENGTH
                || reason == EndReason.LIMIT_REPLY_LINES || reason == EndReason.LIMIT_SESSION_BYTES;
    }
}
