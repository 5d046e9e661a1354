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
        return "The domain publishes at least one MX record (or a null MX); warns when mail would fall back "
                + "to the implicit MX of RFC 5321 §5.1.";
    }

    @Override
    public List<CheckState> evaluate(SmtpObservation observation, RuleContext context) {
        String domain = observation.domain();
        MxLookup mx = observation.mx();
        String dig = "dig +noall +answer MX " + domain;
        if (mx.error() != null && !mx.error().isEmpty()) {
            return States.error("Could not determine the MX records of " + domain + ": " + mx.error())
                    .code("smtp.mx.lookup_failed").subject(domain).evidence(mx.error()).reproduce(dig).list();
        }
        if (mx.nxdomain()) {
            return States.crit(domain + " does not exist in DNS (NXDOMAIN): no mail can be delivered to it.")
                    .code("smtp.mx.nxdomain").subject(domain).reproduce(dig)
                    .fix("Create the zone or the name, then publish MX records for it.").list();
        }
        if (mx.nullMx()) {
            return States.ok(domain + " publishes a null MX (RFC 7505): it declares that it accepts no mail.")
                    .code("smtp.mx.null").subject(domain).evidence(mx.raw()).reference("RFC 7505").list();
        }
        if (mx.implicitMx()) {
            MxRecord implicit = mx.records().isEmpty() ? null : mx.records().get(0);
            if (implicit == null || implicit.resolution() != AddressResolution.OK) {
                return States.crit(domain + " has no MX record and no address: mail to it cannot be delivered.")
                        .code("smtp.mx.none").subject(domain).reproduce(dig)
                        .fix("Publish an MX record, e.g. \"" + domain + ". IN MX 10 mx1." + domain
                                + ".\"; or a null MX (\"IN MX 0 .\") if the domain takes no mail.")
                        .reference("RFC 5321 §5.1").list();
            }
            return States.warn(domain + " has no MX record: senders fall back to its own address (implicit MX, "
                            + "RFC 5321 §5.1), which many of them treat as a misconfiguration.")
                    .code("smtp.mx.implicit").subject(domain).reproduce(dig)
                    .evidence(addresses(implicit))
                    .fix("Publish an explicit MX record, e.g. \"" + domain + ". IN MX 10 " + domain
                            + ".\", or a null MX (\"IN MX 0 .\") if the domain takes no mail.")
                    .reference("RFC 5321 §5.1").list();
        }
        if (mx.records().isEmpty()) {
            return States.crit(domain + " has no MX record: mail to it cannot be routed.")
                    .code("smtp.mx.none").subject(domain).reproduce(dig)
                    .fix("Publish an MX record, e.g. \"" + domain + ". IN MX 10 mx1." + domain + ".\".").list();
        }
        String listed = mx.records().stream()
                .map(r -> r.preference() + " " + r.target())
                .collect(Collectors.joining(", "));
        int n = mx.records().size();
        return States.ok(domain + " publishes " + n + " MX record" + (n == 1 ? "" : "s") + ": " + listed + ".")
                .code("smtp.mx.ok").subject(domain).evidence(mx.raw()).list();
    }

    private static List<String> addresses(MxRecord record) {
        return java.util.stream.Stream.concat(record.ipv4().stream(), record.ipv6().stream())
                .map(a -> record.target() + " has address " + a).toList();
    }
}
