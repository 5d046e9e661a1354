package org.checkersmtp.rules;

import java.util.ArrayList;
import java.util.List;
import org.checkersmtp.i18n.Text;
import org.checkersmtp.observation.EndpointProbe;
import org.checkersmtp.observation.ReverseDns;
import org.checkersmtp.observation.SmtpObservation;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Every MX address has a PTR whose name resolves back to it (forward-confirmed reverse DNS). */
@Component
@Order(100)
public class ReverseDnsRule implements Rule {

    static final RuleCode OK = new RuleCode("smtp.reverse_dns.ok", Status.OK);
    static final RuleCode MISSING = new RuleCode("smtp.ptr.missing", Status.WARN);
    static final RuleCode MISMATCH = new RuleCode("smtp.fcrdns.mismatch", Status.WARN);
    static final RuleCode UNDETERMINED_PTR = new RuleCode("smtp.reverse_dns.ptr_failed", Status.UNKNOWN);
    private static final EndpointRules.Generic GENERIC = EndpointRules.Generic.of("smtp.reverse_dns");

    @Override
    public String name() {
        return "smtp.reverse_dns";
    }

    @Override
    public List<RuleCode> codes() {
        return GENERIC.with(OK, MISSING, MISMATCH, UNDETERMINED_PTR);
    }

    @Override
    public List<CheckState> evaluate(SmtpObservation obs, RuleContext context) {
        return EndpointRules.perEndpoint(obs, GENERIC, Text.of("what.reverse_dns"), this::judge);
    }

    private CheckState judge(EndpointProbe e) {
        ReverseDns r = e.reverseDns();
        String dig = Reproduce.digPtr(e);
        if (r == null) {
            return EndpointRules.untested(e, GENERIC, Text.of("what.reverse_dns"));
        }
        if (r.ptr().isEmpty()) {
            if (r.error() != null && !r.error().equals("nxdomain") && !r.error().equals("nodata")) {
                return States.of(UNDETERMINED_PTR, "smtp.reverse_dns.ptr_failed.message", "endpoint", e.label(),
                        "error", r.error()).subject(e.subject()).evidence(r.error()).reproduce(dig).build();
            }
            return States.of(MISSING, "smtp.ptr.missing.message", "endpoint", e.label(),
                    "error", r.error() == null ? Text.of("smtp.ptr.missing.no_error") : r.error(), "target", e.target())
                    .subject(e.subject()).evidence(e.address() + ": " + r.error()).reproduce(dig)
                    .reference("RFC 1912 §2.1").build();
        }
        if (!r.forwardConfirmed()) {
            List<String> evidence = new ArrayList<>(List.of(e.address() + " PTR " + String.join(", ", r.ptr())));
            evidence.addAll(r.forward());
            return States.of(MISMATCH, "smtp.fcrdns.mismatch.message", "endpoint", e.label(), "ptr",
                    String.join(", ", r.ptr()), "address", e.address())
                    .subject(e.subject()).evidence(evidence).reproduce(Reproduce.digPtrAndBack(e, r.ptr().get(0)))
                    .reference("RFC 8601 §3 (iprev)").build();
        }
        // An observation sent back by a client may say "confirmed" without the name: fall back to the PTR.
        String name = r.confirmedName() != null ? r.confirmedName() : String.join(", ", r.ptr());
        Object matches = name.equals(e.target()) ? "" : Text.of("clause.not_the_mx_name", "target", e.target());
        return States.of(OK, "smtp.reverse_dns.ok.message", "endpoint", e.label(), "name", name,
                "matches", matches).subject(e.subject()).build();
    }
}
