package org.checkersmtp.rules;

import java.util.ArrayList;
import java.util.List;
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

    static final RuleCode OK = new RuleCode("smtp.mx_sanity.ok", Status.OK,
            "The MX target is a host name with addresses.", null);
    static final RuleCode IP_LITERAL = new RuleCode("smtp.mx_sanity.ip_literal", Status.CRIT,
            "The MX target is an IP address: RFC 5321 §5.1 requires a host name, and many senders skip it.",
            "Point the MX at a host name (\"IN MX 10 mx1.example.com.\") and give that name the address in an "
                    + "A/AAAA record.");
    static final RuleCode CNAME = new RuleCode("smtp.mx.cname", Status.CRIT,
            "The MX target is an alias (CNAME), which RFC 2181 §10.3 forbids: a sender that does not follow the "
                    + "alias cannot deliver.",
            "Replace the CNAME with A/AAAA records: give the MX target name the canonical host's addresses "
                    + "(\"mx1.example.com. IN A 192.0.2.25\"), or point the MX at the canonical host name.");
    static final RuleCode NXDOMAIN = new RuleCode("smtp.mx_sanity.unresolved", Status.CRIT,
            "The MX target does not exist (NXDOMAIN): mail for this MX cannot be delivered.",
            "Create A/AAAA records for the MX target, or remove the MX record.");
    static final RuleCode NO_ADDRESS = new RuleCode("smtp.mx_sanity.no_address", Status.CRIT,
            "The MX target exists but has neither A nor AAAA record.",
            "Give the MX target an A (and AAAA) record pointing at the mail server.");
    static final RuleCode TARGET_UNDETERMINED = new RuleCode("smtp.mx_sanity.target_undetermined", Status.ERROR,
            "Resolving the MX target failed (SERVFAIL, timeout, CNAME loop): it could not be judged.",
            "Make the MX target's zone answer (dig +trace A <target>); break any CNAME loop.");
    private static final EndpointRules.Generic GENERIC = EndpointRules.Generic.of("smtp.mx_sanity", "the MX targets");

    @Override
    public String name() {
        return "smtp.mx_sanity";
    }

    @Override
    public String description() {
        return "Every MX target is a host name that resolves: no IP literal, no CNAME (RFC 2181 §10.3), no "
                + "missing name or address (RFC 5321 §5.1).";
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
            return States.of(GENERIC.undetermined(), "Could not determine the MX targets of " + domain + ": "
                            + mx.error())
                    .subject(domain).evidence(mx.error()).reproduce(Reproduce.digMx(domain)).list();
        }
        if (mx.nullMx() || mx.implicitMx() || mx.records().isEmpty()) {
            String why = mx.nullMx() ? "publishes a null MX" : mx.implicitMx() ? "has no MX record (implicit MX, "
                    + "see smtp.mx_present)" : "has no MX record";
            return States.of(GENERIC.nothing(), domain + " " + why + ": no MX target to check.").subject(domain).list();
        }
        return mx.records().stream().map(r -> judge(domain, r)).toList();
    }

    private static CheckState judge(String domain, MxRecord r) {
        String t = r.target();
        String dig = Reproduce.digAddresses(t);
        if (r.ipLiteral()) {
            return States.of(IP_LITERAL, "MX target " + t + " is an IP address, not a host name (RFC 5321 §5.1).")
                    .subject(t).evidence("MX " + r.preference() + " " + t).reproduce(Reproduce.digMx(domain))
                    .reference("RFC 5321 §5.1").build();
        }
        if (r.resolution() == null) {
            return States.of(TARGET_UNDETERMINED, "MX target " + t + " was not resolved.").subject(t).reproduce(dig)
                    .build();
        }
        switch (r.resolution()) {
            case NXDOMAIN:
                return States.of(NXDOMAIN, "MX target " + t + " does not exist (NXDOMAIN): mail for this MX cannot "
                                + "be delivered.")
                        .subject(t).evidence(t + ": NXDOMAIN").reproduce(dig).reference("RFC 5321 §5.1").build();
            case NO_ADDRESS:
                return States.of(NO_ADDRESS, "MX target " + t + " has no A or AAAA record: mail for this MX cannot "
                                + "be delivered.")
                        .subject(t).evidence(t + ": no A, no AAAA").reproduce(dig).reference("RFC 5321 §5.1").build();
            case ERROR:
            case TIMEOUT:
                return States.of(TARGET_UNDETERMINED, "Could not resolve MX target " + t + ": " + r.resolutionError())
                        .subject(t).evidence(String.valueOf(r.resolutionError())).reproduce(dig).build();
            default:
                break;
        }
        if (r.isCname()) {
            String chain = String.join(" → ", r.cnameChain());
            return States.of(CNAME, "MX target " + t + " is an alias (CNAME → " + chain + "); RFC 2181 §10.3 "
                            + "requires the MX to name the canonical host, "
                            + r.cnameChain().get(r.cnameChain().size() - 1) + ".")
                    .subject(t).evidence(t + " CNAME " + chain).reproduce(Reproduce.digCname(t))
                    .reference("RFC 2181 §10.3").build();
        }
        List<String> addresses = new ArrayList<>(r.ipv4());
        addresses.addAll(r.ipv6());
        return States.of(OK, "MX target " + t + " resolves to " + String.join(", ", addresses) + ".").subject(t)
                .build();
    }
}
