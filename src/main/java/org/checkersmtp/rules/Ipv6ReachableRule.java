package org.checkersmtp.rules;

import java.util.List;
import org.checkersmtp.i18n.Text;
import org.checkersmtp.observation.Coverage;
import org.checkersmtp.observation.EndpointProbe;
import org.checkersmtp.observation.IpFamily;
import org.checkersmtp.observation.SmtpObservation;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** At least one MX endpoint is reachable over IPv6, so IPv6-only senders can deliver. */
@Component
@Order(150)
public class Ipv6ReachableRule implements Rule {

    static final RuleCode REACHABLE = new RuleCode("smtp.ipv6_reachable.ok", Status.OK);
    static final RuleCode NONE = new RuleCode("smtp.ipv6_reachable.none", Status.INFO);
    static final RuleCode UNREACHABLE = new RuleCode("smtp.ipv6_reachable.unreachable", Status.INFO);
    static final RuleCode UNTESTABLE = new RuleCode("smtp.ipv6_reachable.untestable", Status.UNKNOWN);
    private static final EndpointRules.Generic GENERIC = EndpointRules.Generic.of("smtp.ipv6_reachable");

    @Override
    public String name() {
        return "smtp.ipv6_reachable";
    }

    @Override
    public List<RuleCode> codes() {
        // The IPv6 endpoints are judged together, so the domain-level UNTESTABLE replaces the per-endpoint code.
        return List.of(REACHABLE, NONE, UNREACHABLE, UNTESTABLE, GENERIC.undetermined(), GENERIC.nothing());
    }

    @Override
    public List<CheckState> evaluate(SmtpObservation obs, RuleContext context) {
        var none = EndpointRules.noEndpoint(obs, GENERIC, Text.of("what.ipv6_endpoint"));
        if (none.isPresent()) {
            return List.of(none.get());
        }
        String domain = obs.domain();
        List<EndpointProbe> v6 = obs.endpoints().stream().filter(e -> e.family() == IpFamily.IPV6).toList();
        if (v6.isEmpty()) {
            return States.of(NONE, "smtp.ipv6_reachable.none.message", "domain", domain)
                    .subject(domain).reproduce(Reproduce.digAaaa(obs.endpoints().get(0).target())).list();
        }
        long reachable = v6.stream().filter(EndpointProbe::connected).count();
        if (reachable > 0) {
            return States.of(REACHABLE, "smtp.ipv6_reachable.ok.message", "domain", domain, "reachable", reachable,
                    "size", v6.size()).subject(domain).list();
        }
        boolean allUntestable = v6.stream().allMatch(e -> e.connect() != null && e.connect().failure() != null
                && e.connect().failure().untestable());
        List<String> evidence = v6.stream().map(e -> e.label() + ": " + EndpointRules.whyNot(e).inEnglish()).toList();
        if (allUntestable) {
            return States.of(UNTESTABLE, "smtp.ipv6_reachable.untestable.message", "domain", domain, "size", v6.size(),
                    "why", EndpointRules.whyNot(v6.get(0)))
                    .subject(domain).evidence(evidence).list();
        }
        Coverage c = obs.coverage();
        return States.of(UNREACHABLE, "smtp.ipv6_reachable.unreachable.message", "domain", domain, "size", v6.size(),
                "ipv4Works",
                c != null && c.ipv4Reachable() > 0 ? Text.of("clause.ipv4_works") : "")
                .subject(domain).evidence(evidence).reproduce(Reproduce.nc(v6.get(0))).list();
    }
}
