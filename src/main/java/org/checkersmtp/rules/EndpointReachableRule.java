package org.checkersmtp.rules;

import java.util.ArrayList;
import java.util.List;
import org.checkersmtp.observation.EndpointProbe;
import org.checkersmtp.observation.SmtpObservation;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Every MX address accepts a TCP connection on port 25. */
@Component
@Order(40)
public class EndpointReachableRule implements Rule {

    static final RuleCode REACHABLE = new RuleCode("smtp.endpoint.reachable", Status.OK,
            "The endpoint accepts TCP connections on port 25.", null);
    static final RuleCode UNREACHABLE = new RuleCode("smtp.endpoint.unreachable", Status.CRIT,
            "The endpoint does not accept TCP connections on port 25 (refused, timed out, or no route).",
            "Start the MTA and make it listen on port 25 of this address (Postfix: inet_interfaces = all; Exim: "
                    + "local_interfaces); open port 25 in the firewall; or remove the address from DNS.");
    static final RuleCode NONE_REACHABLE = new RuleCode("smtp.endpoint.none_reachable", Status.CRIT,
            "No MX endpoint of the domain accepts connections: mail to the domain cannot be delivered.",
            "Bring at least one MX host up on port 25.");
    private static final EndpointRules.Generic GENERIC =
            EndpointRules.Generic.of("smtp.endpoint", "the MX endpoints");

    @Override
    public String name() {
        return "smtp.endpoint_reachable";
    }

    @Override
    public String description() {
        return "Every address of every MX host accepts a TCP connection on port 25.";
    }

    @Override
    public List<RuleCode> codes() {
        return GENERIC.with(REACHABLE, UNREACHABLE, NONE_REACHABLE);
    }

    @Override
    public List<CheckState> evaluate(SmtpObservation obs, RuleContext context) {
        List<CheckState> states = new ArrayList<>(EndpointRules.perEndpoint(obs, GENERIC, "endpoint", this::judge));
        long tested = obs.endpoints().stream()
                .filter(e -> e.connect() != null && (e.connect().ok()
                        || (e.connect().failure() != null && !e.connect().failure().untestable()))).count();
        long reachable = obs.endpoints().stream().filter(EndpointProbe::connected).count();
        if (tested > 0 && reachable == 0) {
            states.add(States.of(NONE_REACHABLE, "No MX endpoint of " + obs.domain() + " accepts connections on "
                            + "port 25: mail to the domain cannot be delivered.")
                    .subject(obs.domain())
                    .evidence(obs.endpoints().stream().map(e -> e.label() + ": " + e.connect().error()).toList())
                    .reproduce(Reproduce.nc(obs.endpoints().get(0))).build());
        }
        return states;
    }

    private CheckState judge(EndpointProbe e) {
        if (e.connected()) {
            return States.of(REACHABLE, e.label() + " accepts connections on port 25 (" + e.connect().timeMs()
                    + " ms).").subject(e.subject()).build();
        }
        if (e.connect() == null || e.connect().failure() == null || e.connect().failure().untestable()) {
            return EndpointRules.untested(e, GENERIC, "reachability");
        }
        return States.of(UNREACHABLE, e.label() + " does not accept connections on port 25: " + e.connect().error()
                        + ".")
                .subject(e.subject()).evidence(e.connect().error()).reproduce(Reproduce.nc(e)).build();
    }
}
