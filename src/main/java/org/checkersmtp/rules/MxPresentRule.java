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

    static final RuleCode OK = new RuleCode("smtp.mx_present.ok", Status.OK);
    static final RuleCode NULL = new RuleCode("smtp.mx_present.null_mx", Status.OK);
    static final RuleCode IMPLICIT = new RuleCode("smtp.mx_present.implicit", Status.CRIT);
    static final RuleCode NONE = new RuleCode("smtp.mx_present.none", Status.CRIT);
    static final RuleCode NXDOMAIN = new RuleCode("smtp.mx_present.nxdomain", Status.CRIT);
    static final RuleCode LOOKUP_FAILED = new RuleCode("smtp.mx_present.lookup_failed", Status.ERROR);

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
            return States.of(LOOKUP_FAILED, "smtp.mx_present.lookup_failed.message", "domain", domain,
                    "error", mx.error())
                    .subject(domain).evidence(mx.error()).reproduce(dig).list();
        }
        if (mx.nxdomain()) {
            return States.of(NXDOMAIN, "smtp.mx_present.nxdomain.message", "domain", domain)
                    .subject(domain).reproduce(dig).evidence(domain + ": NXDOMAIN").list();
        }
        if (mx.nullMx()) {
            return States.of(NULL, "smtp.mx_present.null_mx.message", "domain", domain)
                    .subject(domain).evidence(mx.raw()).reference("RFC 7505").list();
        }
        if (mx.implicitMx()) {
            MxRecord implicit = mx.records().isEmpty() ? null : mx.records().get(0);
            if (implicit == null || implicit.resolution() != AddressResolution.OK) {
                return States.of(NONE, "smtp.mx_present.none.message", "domain", domain)
                        .subject(domain).reproduce(dig)
                        .evidence(domain + ": no MX, " + (implicit == null ? "no address" : implicit.resolution()
                                .name().toLowerCase() + (implicit.resolutionError() == null ? ""
                                : " (" + implicit.resolutionError() + ")")))
                        .reference("RFC 5321 §5.1").list();
            }
            return States.of(IMPLICIT, "smtp.mx_present.implicit.message", "domain", domain, "ipv4",
                    String.join(", ", implicit.ipv4()), "separator", (implicit.ipv4().isEmpty()
                            || implicit.ipv6().isEmpty() ? "" : ", "), "ipv6", String.join(", ", implicit.ipv6()))
                    .subject(domain).reproduce(dig).evidence(addresses(implicit)).reference("RFC 5321 §5.1").list();
        }
        if (mx.records().isEmpty()) {
            return States.of(NONE, "smtp.mx_present.none.message.2", "domain", domain)
                    .subject(domain).reproduce(dig).evidence(domain + ": no MX record").list();
        }
        String listed = mx.records().stream()
                .map(r -> r.preference() + " " + r.target())
                .collect(Collectors.joining(", "));
        int n = mx.records().size();
        return States.of(OK, "smtp.mx_present.ok.message", "domain", domain, "n", n, "plural", (n == 1 ? "" : "s"),
                "listed", listed)
                .subject(domain).evidence(mx.raw()).list();
    }

    private static List<String> addresses(MxRecord record) {
        return java.util.stream.Stream.concat(record.ipv4().stream(), record.ipv6().stream())
                .map(a -> record.target() + " has address " + a).toList();
    }
}
