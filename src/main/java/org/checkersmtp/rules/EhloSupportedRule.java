package org.checkersmtp.rules;

import java.util.ArrayList;
import java.util.List;
import org.checkersmtp.i18n.Text;
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

    static final RuleCode OK = new RuleCode("smtp.ehlo_supported.ok", Status.OK);
    static final RuleCode REFUSED = new RuleCode("smtp.ehlo_supported.refused", Status.CRIT);
    static final RuleCode TEMPORARY = new RuleCode("smtp.ehlo_supported.temporary", Status.WARN);
    static final RuleCode INVALID = new RuleCode("smtp.ehlo_supported.invalid", Status.CRIT);
    private static final EndpointRules.Generic GENERIC = EndpointRules.Generic.of("smtp.ehlo_supported");

    @Override
    public String name() {
        return "smtp.ehlo_supported";
    }

    @Override
    public List<RuleCode> codes() {
        return GENERIC.with(OK, REFUSED, TEMPORARY, INVALID);
    }

    @Override
    public List<CheckState> evaluate(SmtpObservation obs, RuleContext context) {
        return EndpointRules.perEndpoint(obs, GENERIC, Text.of("what.ehlo"), e -> judge(obs, e));
    }

    private CheckState judge(SmtpObservation obs, EndpointProbe e) {
        Reply ehlo = e.ehlo();
        String swaks = Reproduce.swaks(obs, e, null, null, "EHLO");
        if (ehlo == null) {
            if (endedBadly(e, Phase.EHLO)) {
                return States.of(INVALID, "smtp.ehlo_supported.invalid.message", "endpoint", e.label(),
                        "detail", e.end().detail())
                        .subject(e.subject()).evidence(EndpointRules.evidence(e)).reproduce(swaks)
                        .reference("RFC 5321 §4.1.1.1").build();
            }
            return EndpointRules.untested(e, GENERIC, Text.of("what.ehlo"));
        }
        if (EndpointRules.isSuccess(ehlo)) {
            return States.of(OK, "smtp.ehlo_supported.ok.message", "endpoint", e.label(), "size", e.extensions().size())
                    .subject(e.subject()).build();
        }
        if (ehlo.transientFailure()) {
            return States.of(TEMPORARY, "smtp.ehlo_supported.temporary.message", "endpoint", e.label(),
                    "ehloReply", ehlo.summary())
                    .subject(e.subject()).evidence(ehlo.summary()).reproduce(swaks).build();
        }
        Reply helo = e.helo();
        Text heloPart = helo == null && endedBadly(e, Phase.HELO)
                ? Text.of("smtp.ehlo_supported.helo.invalid", "detail", e.end().detail())
                : helo == null ? Text.of("smtp.ehlo_supported.helo.not_tried")
                : EndpointRules.isSuccess(helo) ? Text.of("smtp.ehlo_supported.helo.works", "heloReply", helo.summary())
                : Text.of("smtp.ehlo_supported.helo.refused", "heloReply", helo.summary());
        List<String> evidence = new ArrayList<>(List.of("EHLO: " + ehlo.summary()));
        if (helo != null) {
            evidence.add("HELO: " + helo.summary());
        }
        return States.of(REFUSED, "smtp.ehlo_supported.refused.message", "endpoint", e.label(),
                "ehloReply", ehlo.summary(), "heloPart", heloPart)
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
