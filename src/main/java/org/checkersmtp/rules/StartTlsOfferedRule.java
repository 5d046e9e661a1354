package org.checkersmtp.rules;

import java.util.ArrayList;
import java.util.List;
import org.checkersmtp.i18n.Text;
import org.checkersmtp.observation.EndpointProbe;
import org.checkersmtp.observation.SmtpObservation;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Every endpoint advertises STARTTLS, so that mail to the domain can travel encrypted. */
@Component
@Order(70)
public class StartTlsOfferedRule implements Rule {

    static final RuleCode OFFERED = new RuleCode("smtp.starttls_offered.ok", Status.OK);
    static final RuleCode MISSING = new RuleCode("smtp.starttls_offered.missing", Status.CRIT);
    static final RuleCode ALL_MISSING = new RuleCode("smtp.all_no_starttls", Status.CRIT);
    private static final EndpointRules.Generic GENERIC = EndpointRules.Generic.of("smtp.starttls_offered");

    @Override
    public String name() {
        return "smtp.starttls_offered";
    }

    @Override
    public List<RuleCode> codes() {
        return GENERIC.with(OFFERED, MISSING, ALL_MISSING);
    }

    @Override
    public List<CheckState> evaluate(SmtpObservation obs, RuleContext context) {
        List<CheckState> states = new ArrayList<>(
                EndpointRules.perEndpoint(obs, GENERIC, Text.of("what.starttls"), e -> judge(obs, e)));
        List<EndpointProbe> tested = obs.endpoints().stream().filter(e -> e.ehlo() != null).toList();
        if (!tested.isEmpty() && tested.stream().noneMatch(e -> e.advertises("STARTTLS"))) {
            states.add(States.of(ALL_MISSING, "smtp.all_no_starttls.message", "domain", obs.domain())
                    .subject(obs.domain())
                    .evidence(tested.stream().map(e -> e.label() + ": " + extensionNames(e)).toList())
                    .reproduce(Reproduce.swaks(obs, tested.get(0), null, null, "EHLO")).reference("RFC 3207").build());
        }
        return states;
    }

    private CheckState judge(SmtpObservation obs, EndpointProbe e) {
        if (e.ehlo() == null) {
            return EndpointRules.untested(e, GENERIC, Text.of("what.starttls"));
        }
        if (e.advertises("STARTTLS")) {
            return States.of(OFFERED, "smtp.starttls_offered.ok.message",
                    "endpoint", e.label()).subject(e.subject()).build();
        }
        Text why = Text.of(EndpointRules.isSuccess(e.ehlo()) ? "smtp.starttls_offered.why.not_offered"
                : "smtp.starttls_offered.why.ehlo_refused");
        return States.of(MISSING, "smtp.starttls_offered.missing.message", "endpoint", e.label(), "why", why)
                .subject(e.subject()).evidence(e.label() + ": " + extensionNames(e))
                .reproduce(Reproduce.swaks(obs, e, null, null, "EHLO")).reference("RFC 3207").build();
    }

    private static String extensionNames(EndpointProbe e) {
        return e.extensions().isEmpty() ? "no extension advertised"
                : "advertises " + String.join(" ", e.extensions().stream().map(x -> x.name()).toList());
    }
}
