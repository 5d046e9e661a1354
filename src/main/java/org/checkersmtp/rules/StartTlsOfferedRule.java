package org.checkersmtp.rules;

import java.util.ArrayList;
import java.util.List;
import org.checkersmtp.observation.EndpointProbe;
import org.checkersmtp.observation.SmtpObservation;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Every endpoint advertises STARTTLS, so that mail to the domain can travel encrypted. */
@Component
@Order(70)
public class StartTlsOfferedRule implements Rule {

    static final RuleCode OFFERED = new RuleCode("smtp.starttls_offered.ok", Status.OK,
            "STARTTLS is advertised.", null);
    static final RuleCode MISSING = new RuleCode("smtp.starttls_offered.missing", Status.CRIT,
            "STARTTLS is not advertised: mail to this endpoint travels in clear text.",
            "Postfix: smtpd_tls_security_level = may, with smtpd_tls_chain_files (or smtpd_tls_cert_file and "
                    + "smtpd_tls_key_file); Exim: tls_advertise_hosts = * with tls_certificate and tls_privatekey.");
    static final RuleCode ALL_MISSING = new RuleCode("smtp.all_no_starttls", Status.CRIT,
            "No endpoint of the domain offers STARTTLS: every message to the domain travels in clear text.",
            "Enable STARTTLS on every MX host (Postfix: smtpd_tls_security_level = may with smtpd_tls_chain_files; "
                    + "Exim: tls_advertise_hosts = * with tls_certificate and tls_privatekey). Next, publish MTA-STS "
                    + "(RFC 8461) or DANE TLSA records (RFC 7672) so that senders refuse to fall back to clear text.");
    private static final EndpointRules.Generic GENERIC = EndpointRules.Generic.of("smtp.starttls_offered",
            "STARTTLS support");

    @Override
    public String name() {
        return "smtp.starttls_offered";
    }

    @Override
    public String description() {
        return "Every endpoint advertises STARTTLS in its EHLO reply; CRIT for the domain when none does.";
    }

    @Override
    public List<RuleCode> codes() {
        return GENERIC.with(OFFERED, MISSING, ALL_MISSING);
    }

    @Override
    public List<CheckState> evaluate(SmtpObservation obs, RuleContext context) {
        List<CheckState> states = new ArrayList<>(
                EndpointRules.perEndpoint(obs, GENERIC, "STARTTLS", e -> judge(obs, e)));
        List<EndpointProbe> tested = obs.endpoints().stream().filter(e -> e.ehlo() != null).toList();
        if (!tested.isEmpty() && tested.stream().noneMatch(e -> e.advertises("STARTTLS"))) {
            states.add(States.of(ALL_MISSING, "No endpoint of " + obs.domain() + " offers STARTTLS: all mail to the "
                            + "domain travels in clear text.")
                    .subject(obs.domain())
                    .evidence(tested.stream().map(e -> e.label() + ": " + extensionNames(e)).toList())
                    .reproduce(Reproduce.swaks(obs, tested.get(0), null, null, "EHLO")).reference("RFC 3207").build());
        }
        return states;
    }

    private CheckState judge(SmtpObservation obs, EndpointProbe e) {
        if (e.ehlo() == null) {
            return EndpointRules.untested(e, GENERIC, "STARTTLS");
        }
        if (e.advertises("STARTTLS")) {
            return States.of(OFFERED, e.label() + " offers STARTTLS.").subject(e.subject()).build();
        }
        String why = EndpointRules.isSuccess(e.ehlo()) ? "does not offer STARTTLS"
                : "refused EHLO, so it cannot offer STARTTLS";
        return States.of(MISSING, e.label() + " " + why + ": mail to it travels in clear text.")
                .subject(e.subject()).evidence(e.label() + ": " + extensionNames(e))
                .reproduce(Reproduce.swaks(obs, e, null, null, "EHLO")).reference("RFC 3207").build();
    }

    private static String extensionNames(EndpointProbe e) {
        return e.extensions().isEmpty() ? "no extension advertised"
                : "advertises " + String.join(" ", e.extensions().stream().map(x -> x.name()).toList());
    }
}
