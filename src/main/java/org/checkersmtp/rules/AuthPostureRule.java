package org.checkersmtp.rules;

import java.util.ArrayList;
import java.util.List;
import org.checkersmtp.i18n.Text;
import org.checkersmtp.observation.EndpointProbe;
import org.checkersmtp.observation.Extension;
import org.checkersmtp.observation.SmtpObservation;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** AUTH is never offered before TLS: passwords must not cross the network in clear text. */
@Component
@Order(90)
public class AuthPostureRule implements Rule {

    static final RuleCode PLAINTEXT = new RuleCode("smtp.auth.plaintext", Status.CRIT);
    static final RuleCode TLS_ONLY = new RuleCode("smtp.auth_posture.tls_only", Status.OK);
    static final RuleCode NONE = new RuleCode("smtp.auth_posture.none", Status.OK);
    private static final EndpointRules.Generic GENERIC = EndpointRules.Generic.of("smtp.auth_posture");

    @Override
    public String name() {
        return "smtp.auth_posture";
    }

    @Override
    public List<RuleCode> codes() {
        return GENERIC.with(PLAINTEXT, TLS_ONLY, NONE);
    }

    @Override
    public List<CheckState> evaluate(SmtpObservation obs, RuleContext context) {
        return EndpointRules.perEndpoint(obs, GENERIC, Text.of("what.auth"), e -> judge(obs, e));
    }

    private CheckState judge(SmtpObservation obs, EndpointProbe e) {
        if (e.ehlo() == null || !EndpointRules.isSuccess(e.ehlo())) {
            return EndpointRules.untested(e, GENERIC, Text.of("what.the_auth_posture"));
        }
        List<String> plain = mechanisms(e.extensions());
        if (!plain.isEmpty()) {
            return States.of(PLAINTEXT, "smtp.auth.plaintext.message", "endpoint", e.label(),
                    "plain", String.join(" ", plain))
                    .subject(e.subject()).evidence("AUTH " + String.join(" ", plain))
                    .reproduce(Reproduce.swaks(obs, e, null, null, "EHLO")).reference("RFC 4954 §4").build();
        }
        boolean afterTls = e.starttls() != null && !mechanisms(e.starttls().extensions()).isEmpty();
        if (afterTls) {
            return States.of(TLS_ONLY, "smtp.auth_posture.tls_only.message", "endpoint", e.label(),
                    "mechanisms", String.join(" ", mechanisms(e.starttls().extensions()))).subject(e.subject()).build();
        }
        boolean tls = e.starttls() != null && e.starttls().handshakeOk();
        return States.of(NONE, "smtp.auth_posture.none.message", "endpoint", e.label(),
                "norAfter", tls ? Text.of("clause.nor_after") : "")
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
