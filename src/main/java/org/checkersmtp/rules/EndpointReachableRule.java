package org.checkersmtp.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.checkersmtp.i18n.Text;
import org.checkersmtp.observation.EndpointProbe;
import org.checkersmtp.observation.MxLookup;
import org.checkersmtp.observation.SmtpObservation;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Every MX address accepts a TCP connection on port 25. */
@Component
@Order(40)
public class EndpointReachableRule implements Rule {

    static final RuleCode REACHABLE = new RuleCode("smtp.endpoint_reachable.ok", Status.OK);
    static final RuleCode UNREACHABLE = new RuleCode("smtp.endpoint_reachable.unreachable", Status.CRIT);
    static final RuleCode NONE_REACHABLE = new RuleCode("smtp.endpoint_reachable.none_reachable", Status.CRIT);
    static final RuleCode NO_ENDPOINT = new RuleCode("smtp.endpoint_reachable.no_endpoint", Status.CRIT);
    private static final EndpointRules.Generic GENERIC =
            EndpointRules.Generic.of("smtp.endpoint_reachable");

    @Override
    public String name() {
        return "smtp.endpoint_reachable";
    }

    @Override
    public List<RuleCode> codes() {
        return GENERIC.with(REACHABLE, UNREACHABLE, NONE_REACHABLE, NO_ENDPOINT);
    }

    @Override
    public List<CheckState> evaluate(SmtpObservation obs, RuleContext context) {
        MxLookup mx = obs.mx();
        boolean determined = mx.error() == null || mx.error().isEmpty();
        if (obs.endpoints().isEmpty() && determined && !mx.nullMx()) {
            return noEndpoint(obs);
        }
        List<CheckState> states = new ArrayList<>(EndpointRules.perEndpoint(obs, GENERIC, Text.of("what.endpoint"), this::judge));
        long tested = obs.endpoints().stream()
                .filter(e -> e.connect() != null && (e.connect().ok()
                        || (e.connect().failure() != null && !e.connect().failure().untestable()))).count();
        long reachable = obs.endpoints().stream().filter(EndpointProbe::connected).count();
        if (tested > 0 && reachable == 0) {
            states.add(States.of(NONE_REACHABLE, "smtp.endpoint_reachable.none_reachable.message",
                    "domain", obs.domain())
                    .subject(obs.domain())
                    .evidence(obs.endpoints().stream().map(e -> e.label() + ": " + e.connect().error()).toList())
                    .reproduce(Reproduce.nc(obs.endpoints().get(0))).build());
        }
        return states;
    }

    /** Nothing to connect to is the worst reachability there is: the domain expects mail it cannot receive. */
    private static List<CheckState> noEndpoint(SmtpObservation obs) {
        String domain = obs.domain();
        MxLookup mx = obs.mx();
        Text why = Text.of(mx.nxdomain() ? "smtp.endpoint_reachable.why.nxdomain"
                : mx.implicitMx() ? "smtp.endpoint_reachable.why.implicit"
                : mx.records().isEmpty() ? "smtp.endpoint_reachable.why.no_mx"
                : "smtp.endpoint_reachable.why.no_address", "domain", domain);
        List<String> evidence = mx.records().stream().map(r -> "MX " + r.preference() + " " + r.target() + ": "
                + (r.resolution() == null ? "not resolved" : r.resolution().name().toLowerCase(Locale.ROOT))
                + (r.resolutionError() == null ? "" : " (" + r.resolutionError() + ")")).toList();
        return States.of(NO_ENDPOINT, "smtp.endpoint_reachable.no_endpoint.message", "why", why, "domain", domain)
                .subject(domain).evidence(evidence.isEmpty() ? List.of(domain + ": no MX record") : evidence)
                .reproduce(mx.records().isEmpty() || mx.implicitMx() ? Reproduce.digMx(domain)
                        : Reproduce.digAddresses(mx.records().get(0).target()))
                .reference("RFC 5321 §5.1").list();
    }

    private CheckState judge(EndpointProbe e) {
        if (e.connected()) {
            return States.of(REACHABLE, "smtp.endpoint_reachable.ok.message", "endpoint", e.label(),
                    "timeMs", e.connect().timeMs()).subject(e.subject()).build();
        }
        if (e.connect() == null || e.connect().failure() == null || e.connect().failure().untestable()) {
            return EndpointRules.untested(e, GENERIC, Text.of("what.reachability"));
        }
        return States.of(UNREACHABLE, "smtp.endpoint_reachable.unreachable.message", "endpoint", e.label(),
                "error", e.connect().error())
                .subject(e.subject()).evidence(e.connect().error()).reproduce(Reproduce.nc(e)).build();
    }
}
