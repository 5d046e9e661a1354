package org.checkersmtp.exporter;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.checkersmtp.check.CheckResult;
import org.checkersmtp.observation.CertificateSummary;
import org.checkersmtp.observation.ConnectFailure;
import org.checkersmtp.observation.EndReason;
import org.checkersmtp.observation.EndpointProbe;
import org.checkersmtp.observation.SmtpObservation;
import org.checkersmtp.options.Hostnames;
import org.checkersmtp.options.InvalidOptionException;
import org.checkersmtp.rules.CheckState;
import org.checkersmtp.rules.Status;

/**
 * What a scrape exports of one check, and what the exporter keeps between scrapes (as JSON, in the result
 * cache): numbers and our own words only. Labels come from our vocabularies or from MX host names that pass
 * host-name syntax; nothing a server sent (banner, replies) is kept.
 *
 * @param success      the check ran and tested something: not refused, not failed, the MX lookup answered,
 *                     at least one address contacted
 * @param refused      why nothing was sent (a {@link Refusal}), or null
 * @param runAt        when the check started, epoch seconds (0 when it did not run)
 * @param duration     how long it took, seconds
 * @param incomplete   a deadline (the scrape's, or the collect's or TLS sibling's own) cut it short
 * @param verdict      the headline state (the SDK's status code, {@link Status#code()})
 * @param rules        the worst state of each rule that ran, by rule name
 * @param mxHosts      the MX host names of the domain, all of them (only {@code mx}'s first ones are exported)
 * @param mx           per MX host and address family, in MX order, at most checker.exporter.max-mx-hosts hosts
 */
public record ProbeFacts(boolean success, String refused, double runAt, double duration, boolean incomplete,
                         int verdict, Map<String, Integer> rules, int mxHosts, List<Mx> mx) {

    /** Why a target was not probed: the label values of {@code checker_probe_refused}. */
    public enum Refusal {
        /** Outside checker.targets.allowed-domains: not even DNS was asked. */
        ALLOWED_DOMAINS,
        /** Every address of the domain is one the target policy forbids (private, reserved): no session opened. */
        TARGET_POLICY;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * One MX host and family. A fact is 1 or 0 when every address of the family proves it so (0 as soon as one
     * address proves the contrary: one open relay is enough), and null (no series) when it could not be told:
     * not tested, inconclusive (4xx), or the probe turned off by the module.
     */
    public record Mx(String host, String family, Integer reachable, Integer starttlsOffered, Integer openRelay,
                     Integer postmasterAccepted, Integer nullSenderAccepted, Double certificateNotAfter) {
    }

    public ProbeFacts {
        rules = rules == null ? Map.of() : Map.copyOf(rules);
        mx = mx == null ? List.of() : List.copyOf(mx);
    }

    static ProbeFacts refused(Refusal why) {
        return new ProbeFacts(false, why.label(), 0, 0, false, Status.UNKNOWN.code(), Map.of(), 0, List.of());
    }

    /** The pipeline failed (the service's fault, logged): nothing to say of the domain. */
    static ProbeFacts failed(Instant start, Duration took) {
        return new ProbeFacts(false, null, seconds(start), seconds(took), false, Status.ERROR.code(), Map.of(), 0,
                List.of());
    }

    static ProbeFacts of(CheckResult result, Instant start, Duration took, int maxMxHosts) {
        SmtpObservation obs = result.observation();
        boolean policyRefusedAll = !obs.endpoints().isEmpty() && obs.endpoints().stream()
                .allMatch(ProbeFacts::refusedByPolicy);
        boolean incomplete = obs.incomplete() != null
                || (obs.tlsPosture() != null && obs.tlsPosture().incomplete() != null);
        boolean lookupFailed = obs.mx() != null && obs.mx().error() != null && !obs.mx().error().isEmpty();
        boolean success = !policyRefusedAll && !lookupFailed && result.untested().isEmpty();
        Map<String, Integer> rules = new TreeMap<>();
        Map<String, List<Status>> byRule = new TreeMap<>();
        for (CheckState s : result.states()) {
            byRule.computeIfAbsent(s.rule(), r -> new ArrayList<>()).add(s.status());
        }
        byRule.forEach((rule, statuses) -> rules.put(rule, Status.worst(statuses).code()));
        List<String> hosts = obs.endpoints().stream().filter(ProbeFacts::namedHost).map(EndpointProbe::target)
                .distinct().toList();
        return new ProbeFacts(success, policyRefusedAll ? Refusal.TARGET_POLICY.label() : null, seconds(start),
                seconds(took), incomplete, result.verdict().code(), rules, hosts.size(),
                mx(obs, result.states(), hosts.subList(0, Math.min(hosts.size(), maxMxHosts))));
    }

    private static List<Mx> mx(SmtpObservation obs, List<CheckState> states, List<String> hosts) {
        Map<String, Map<String, Status>> bySubject = new LinkedHashMap<>();
        for (CheckState s : states) {
            if (s.subject() != null) {
                bySubject.computeIfAbsent(s.subject(), k -> new LinkedHashMap<>()).put(s.rule(), s.status());
            }
        }
        List<Mx> out = new ArrayList<>();
        for (String host : hosts) {
            for (String family : List.of("ipv4", "ipv6")) {
                List<EndpointProbe> group = obs.endpoints().stream()
                        .filter(e -> e.target().equals(host) && e.family() != null && familyLabel(e).equals(family))
                        .toList();
                if (group.isEmpty()) {
                    continue;
                }
                out.add(new Mx(host, family,
                        allProve(group, bySubject, "smtp.endpoint_reachable"),
                        allProve(group, bySubject, "smtp.starttls_offered"),
                        anyDisproves(group, bySubject, "smtp.open_relay"),
                        allProve(group, bySubject, "smtp.postmaster"),
                        allProve(group, bySubject, "smtp.null_sender"),
                        group.stream().map(EndpointProbe::starttls)
                                .filter(t -> t != null && t.certificate() != null)
                                .map(t -> t.certificate()).map(CertificateSummary::notAfter)
                                .filter(a -> a != null).map(ProbeFacts::seconds).min(Double::compare).orElse(null)));
            }
        }
        return out;
    }

    /** 1 when the rule says OK for every address, 0 when it says CRIT for one, else unknown. */
    private static Integer allProve(List<EndpointProbe> group, Map<String, Map<String, Status>> bySubject,
                                    String rule) {
        List<Status> verdicts = group.stream().map(e -> bySubject.getOrDefault(e.subject(), Map.of()).get(rule))
                .toList();
        if (verdicts.contains(Status.CRIT)) {
            return 0;
        }
        return verdicts.stream().allMatch(s -> s == Status.OK) ? 1 : null;
    }

    /** The same, for a rule whose OK means the fact is absent (no open relay): 1 when one address is CRIT. */
    private static Integer anyDisproves(List<EndpointProbe> group, Map<String, Map<String, Status>> bySubject,
                                        String rule) {
        Integer proven = allProve(group, bySubject, rule);
        return proven == null ? null : 1 - proven;
    }

    private static String familyLabel(EndpointProbe e) {
        return e.family().name().toLowerCase(java.util.Locale.ROOT);
    }

    /** An MX target that is a host name (not an IP literal) in host-name syntax: safe and stable as a label. */
    private static boolean namedHost(EndpointProbe e) {
        if (e.target() == null || e.target().equals(e.address())) {
            return false;
        }
        try {
            return Hostnames.normalize("mx", e.target()).equals(e.target());
        } catch (InvalidOptionException notAName) {
            return false;
        }
    }

    private static boolean refusedByPolicy(EndpointProbe e) {
        return (e.end() != null && e.end().reason() == EndReason.POLICY_REFUSED)
                || (e.connect() != null && e.connect().failure() == ConnectFailure.POLICY);
    }

    private static double seconds(Instant at) {
        return at.toEpochMilli() / 1000.0;
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }
}
