package org.checkersmtp.rules;

import java.util.ArrayList;
import java.util.List;
import org.checkersmtp.observation.EndpointProbe;
import org.checkersmtp.observation.Extension;
import org.checkersmtp.observation.SmtpObservation;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** AUTH is never offered before TLS: passwords must not cross the network in clear text. */
@Component
@Order(90)
public class AuthPostureRule implements Rule {

    static final RuleCode PLAINTEXT = new RuleCode("smtp.auth.plaintext", Status.CRIT,
            "AUTH is offered before STARTTLS: a client may send its password in clear text.",
            "Postfix: smtpd_tls_auth_only = yes (better: no smtpd_sasl_auth_enable on port 25 at all, only on "
                    + "submission 587/465); Exim: auth_advertise_hosts = ${if eq{$tls_in_cipher}{}{}{*}}.");
    static final RuleCode TLS_ONLY = new RuleCode("smtp.auth_posture.tls_only", Status.OK,
            "AUTH is offered only after STARTTLS.", null);
    static final RuleCode NONE = new RuleCode("smtp.auth_posture.none", Status.OK,
            "No AUTH on port 25 (authentication belongs on submission, 587/465).", null);
    private static final EndpointRules.Generic GENERIC = EndpointRules.Generic.of("smtp.auth_posture",
            "the AUTH posture");

    @Override
    public String name() {
        return "smtp.auth_posture";
    }

    @Override
    public String description() {
        return "No endpoint offers AUTH before STARTTLS (passwords in clear text).";
    }

    @Override
    public List<RuleCode> codes() {
        return GENERIC.with(PLAINTEXT, TLS_ONLY, NONE);
    }

    @Override
    public List<CheckState> evaluate(SmtpObservation obs, RuleContext context) {
        return EndpointRules.perEndpoint(obs, GENERIC, "AUTH", e -> judge(obs, e));
    }

    private CheckState judge(SmtpObservation obs, EndpointProbe e) {
        if (e.ehlo() == null || !EndpointRules.isSuccess(e.ehlo())) {
            return EndpointRules.untested(e, GENERIC, "the AUTH posture");
        }
        List<String> plain = mechanisms(e.extensions());
        if (!plain.isEmpty()) {
            return States.of(PLAINTEXT, e.label() + " offers AUTH " + String.join(" ", plain)
                            + " before STARTTLS: a client may send its password in clear text.")
                    .subject(e.subject()).evidence("AUTH " + String.join(" ", plain))
                    .reproduce(Reproduce.swaks(obs, e, null, null, "EHLO")).reference("RFC 4954 §4").build();
        }
        boolean afterTls = e.starttls() != null && !mechanisms(e.starttls().extensions()).isEmpty();
        if (afterTls) {
            return States.of(TLS_ONLY, e.label() + " offers AUTH only after STARTTLS ("
                    + String.join(" ", mechanisms(e.starttls().extensions())) + ").").subject(e.subject()).build();
        }
        boolean tls = e.starttls() != null && e.starttls().handshakeOk();
        return States.of(NONE, e.label() + " offers no AUTH before TLS" + (tls ? " nor after it" : "") + ".")
                .subject(e.subject()).build();
    }

    private static List<String> mechanisms(List<Extension> extensions) {
        List<String> found = new ArrayList<>();
        for (Extension x : extensions) {
            if (x.name().equalsIgnoreCase("AUTH")) {
                found.addAll(x.params().isEmpty() ? List.of("(no mechanism)") : x.params());
            }
        }
        return found;
    }
}
