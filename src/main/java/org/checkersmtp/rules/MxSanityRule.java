package org.checkersmtp.rules;

import java.util.ArrayList;
import java.util.List;
import org.checkersmtp.i18n.Text;
import org.checkersmtp.observation.MxLookup;
import org.checkersmtp.observation.MxRecord;
import org.checkersmtp.observation.SmtpObservation;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Every MX target is a host name that resolves to addresses (RFC 5321 §5.1): not an IP literal, not an
 * alias (RFC 2181 §10.3), not a name that does not exist.
 */
@Component
@Order(30)
public class MxSanityRule implements Rule {

    static final RuleCode OK = new RuleCode("smtp.mx_sanity.ok", Status.OK);
    static final RuleCode IP_LITERAL = new RuleCode("smtp.mx_sanity.ip_literal", Status.CRIT);
    static final RuleCode CNAME = new RuleCode("smtp.mx.cname", Status.CRIT);
    static final RuleCode NXDOMAIN = new RuleCode("smtp.mx_sanity.unresolved", Status.CRIT);
    static final RuleCode NO_ADDRESS = new RuleCode("smtp.mx_sanity.no_address", Status.CRIT);
    static final RuleCode TARGET_UNDETERMINED = new RuleCode("smtp.mx_sanity.target_undetermined", Status.ERROR);
    private static final EndpointRules.Generic GENERIC = EndpointRules.Generic.of("smtp.mx_sanity");

    @Override
    public String name() {
        return "smtp.mx_sanity";
    }

    @Override
    public List<RuleCode> codes() {
        // No endpoint is judged here, so no "untested" code.
        return List.of(OK, IP_LITERAL, CNAME, NXDOMAIN, NO_ADDRESS, TARGET_UNDETERMINED, GENERIC.undetermined(),
                GENERIC.nothing());
    }

    @Override
    public List<CheckState> evaluate(SmtpObservation obs, RuleContext context) {
        String domain = obs.domain();
        MxLookup mx = obs.mx();
        if (mx.error() != null && !mx.error().isEmpty()) {
            return States.of(GENERIC.undetermined(), "smtp.mx_sanity.undetermined.message", "domain", domain,
                    "error", mx.error())
                    .subject(domain).evidence(mx.error()).reproduce(Reproduce.digMx(domain)).list();
        }
        if (mx.nullMx() || mx.implicitMx() || mx.records().isEmpty()) {
            Text why = Text.of(mx.nullMx() ? "smtp.mx_sanity.why.null_mx"
                    : mx.implicitMx() ? "smtp.mx_sanity.why.implicit" : "smtp.mx_sanity.why.no_mx");
            return States.of(GENERIC.nothing(), "smtp.mx_sanity.nothing.message", "domain", domain,
                    "why", why).subject(domain).list();
        }
        return mx.records().stream().map(r -> judge(domain, r)).toList();
    }

    private static CheckState judge(String domain, MxRecord r) {
        String t = r.target();
        String dig = Reproduce.digAddresses(t);
        if (r.ipLiteral()) {
            return States.of(IP_LITERAL, "smtp.mx_sanity.ip_literal.message", "target", t)
                    .subject(t).evidence("MX " + r.preference() + " " + t).reproduce(Reproduce.digMx(domain))
                    .reference("RFC 5321 §5.1").build();
        }
        if (r.resolution() == null) {
            return States.of(TARGET_UNDETERMINED, "smtp.mx_sanity.target_undetermined.message",
                    "target", t).subject(t).reproduce(dig)
                    .build();
        }
        switch (r.resolution()) {
            case NXDOMAIN:
                return States.of(NXDOMAIN, "smtp.mx_sanity.unresolved.message", "target", t)
                        .subject(t).evidence(t + ": NXDOMAIN").reproduce(dig).reference("RFC 5321 §5.1").build();
            case NO_ADDRESS:
                return States.of(NO_ADDRESS, "smtp.mx_sanity.no_address.message", "target", t)
                        .subject(t).evidence(t + ": no A, no AAAA").reproduce(dig).reference("RFC 5321 §5.1").build();
            case ERROR:
            case TIMEOUT:
                return States.of(TARGET_UNDETERMINED, "smtp.mx_sanity.target_undetermined.message.2", "target", t,
                        "resolutionError", r.resolutionError())
                        .subject(t).evidence(String.valueOf(r.resolutionError())).reproduce(dig).build();
            default:
                break;
        }
        if (r.isCname()) {
            String chain = String.join(" → ", r.cnameChain());
            return States.of(CNAME, "smtp.mx.cname.message", "target", t, "chain", chain,
                    "canonical", r.cnameChain().get(r.cnameChain().size() - 1))
                    .subject(t).evidence(t + " CNAME " + chain).reproduce(Reproduce.digCname(t))
                    .reference("RFC 2181 §10.3").build();
        }
        List<String> addresses = new ArrayList<>(r.ipv4());
        addresses.addAll(r.ipv6());
        return States.of(OK, "smtp.mx_sanity.ok.message", "target", t, "addresses",
                String.join(", ", addresses)).subject(t)
                .build();
    }
}
