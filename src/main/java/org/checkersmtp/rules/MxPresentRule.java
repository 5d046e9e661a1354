package org.checkersmtp.rules;

import java.util.List;
import java.util.stream.Collectors;
import org.checkersmtp.observation.AddressResolution;
import org.checkersmtp.observation.MxLookup;
import org.checkersmtp.observation.MxRecord;
import org.checkersmtp.observation.SmtpObservation;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** The domain publishes where its mail goes: MX records, or a null MX that says it takes none. */
@Component
@Order(20)
public class MxPresentRule implements Rule {

    @Override
    public String name() {
        return "smtp.mx_present";
    }

    @Override
    public String description() {
        return "The domain publishes at least one MX record (or a null MX); CRIT without either, even when mail "
                + "could fall back to the domain's own address (the implicit MX of RFC 5321 §5.1).";
    }

    static final RuleCode OK = new RuleCode("smtp.mx_present.ok", Status.OK, "The domain publishes MX records.", null);
    static final RuleCode NULL = new RuleCode("smtp.mx_present.null_mx", Status.OK,
            "The domain publishes a null MX (RFC 7505): it declares that it takes no mail.", null);
    static final RuleCode IMPLICIT = new RuleCode("smtp.mx_present.implicit", Status.CRIT,
            "No MX record and no null MX: delivery falls back to the domain's own A/AAAA (implicit MX, RFC 5321 "
                    + "§5.1), so mail reaches whatever host the domain's address points at, or bounces.",
            "Publish an explicit MX record (\"example.com. IN MX 10 mx1.example.com.\"), or a null MX "
                    + "(\"example.com. IN MX 0 .\", RFC 7505) if the domain takes no mail.");
    static final RuleCode NONE = new RuleCode("smtp.mx_present.none", Status.CRIT,
            "No MX record and no address: mail to the domain cannot be delivered.",
            "Publish an MX record pointing at a host that accepts mail, or a null MX if the domain takes none.");
    static final RuleCode NXDOMAIN = new RuleCode("smtp.mx_present.nxdomain", Status.CRIT,
            "The domain does not exist in DNS.", "Create the zone or the name, then publish MX records for it.");
    static final RuleCode LOOKUP_FAILED = new RuleCode("smtp.mx_present.lookup_failed", Status.ERROR,
            "The MX lookup failed (SERVFAIL, timeout, refused): nothing could be determined.",
            "Check that the domain's authoritative servers answer: dig +trace MX example.com.");

    @Override
    public List<RuleCode> codes() {
        return List.of(OK, NULL, IMPLICIT, NONE, NXDOMAIN, LOOKUP_FAILED);
    }

    @Override
    public List<CheckState> evaluate(SmtpObservation observation, RuleContext context) {
        String domain = observation.domain();
        MxLookup mx = observation.mx();
        String dig = Reproduce.digMx(domain);
        if (mx.error() != null && !mx.error().isEmpty()) {
            return States.of(LOOKUP_FAILED, "Could not determine the MX records of " + domain + ": " + mx.error())
                    .subject(domain).evidence(mx.error()).reproduce(dig).list();
        }
        if (mx.nxdomain()) {
            return States.of(NXDOMAIN, domain + " does not exist in DNS (NXDOMAIN): no mail can be delivered to it.")
                    .subject(domain).reproduce(dig).evidence(domain + ": NXDOMAIN").list();
        }
        if (mx.nullMx()) {
            return States.of(NULL, domain + " publishes a null MX (RFC 7505): it declares that it accepts no mail.")
                    .subject(domain).evidence(mx.raw()).reference("RFC 7505").list();
        }
        if (mx.implicitMx()) {
            MxRecord implicit = mx.records().isEmpty() ? null : mx.records().get(0);
            if (implicit == null || implicit.resolution() != AddressResolution.OK) {
                return States.of(NONE, domain + " has no MX record and no address: mail to it cannot be delivered.")
                        .subject(domain).reproduce(dig)
                        .evidence(domain + ": no MX, " + (implicit == null ? "no address" : implicit.resolution()
                                .name().toLowerCase() + (implicit.resolutionError() == null ? ""
                                : " (" + implicit.resolutionError() + ")")))
                        .reference("RFC 5321 §5.1").list();
            }
            return States.of(IMPLICIT, domain + " publishes neither an MX record nor a null MX: delivery falls back "
                            + "to its own address (" + String.join(", ", implicit.ipv4()) + (implicit.ipv4().isEmpty()
                            || implicit.ipv6().isEmpty() ? "" : ", ") + String.join(", ", implicit.ipv6())
                            + "; implicit MX, RFC 5321 §5.1). Publish an explicit MX, or a null MX if " + domain
                            + " takes no mail.")
                    .subject(domain).reproduce(dig).evidence(addresses(implicit)).reference("RFC 5321 §5.1").list();
        }
        if (mx.records().isEmpty()) {
            return States.of(NONE, domain + " has no MX record: mail to it cannot be routed.")
                    .subject(domain).reproduce(dig).evidence(domain + ": no MX record").list();
        }
        String listed = mx.records().stream()
                .map(r -> r.preference() + " " + r.target())
                .collect(Collectors.joining(", "));
        int n = mx.records().size();
        return States.of(OK, domain + " publishes " + n + " MX record" + (n == 1 ? "" : "s") + ": " + listed + ".")
                .subject(domain).evidence(mx.raw()).list();
    }

    private static List<String> addresses(MxRecord record) {
        return java.util.stream.Stream.concat(record.ipv4().stream(), record.ipv6().stream())
                .map(a -> record.target() + " has address " + a).toList();
    }
}
