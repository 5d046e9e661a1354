package org.checkersmtp.rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.regex.Pattern;
import org.checkersmtp.i18n.Text;
import org.checkersmtp.observation.EndpointProbe;
import org.checkersmtp.observation.Extension;
import org.checkersmtp.observation.IpFamily;
import org.checkersmtp.observation.Reply;
import org.checkersmtp.observation.SmtpObservation;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The endpoints of the MX pool agree with each other. A backup MX weaker than the primary is the
 * classic hole: spammers aim at the lowest-priority MX because it is often an old box without TLS or
 * relay rules, and an attacker who blocks the primary makes senders use it. Where the other rules
 * judge each endpoint alone, this one compares their verdicts (their states, read from the evaluation
 * so far: a rule turned off is compared on nothing) and names the endpoint that differs.
 */
@Component
@Order(190)
public class MxConsistencyRule implements Rule {

    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,18}");

    static final RuleCode CONSISTENT = new RuleCode("smtp.mx_consistency.consistent", Status.INFO);
    static final RuleCode NOT_COMPARABLE = new RuleCode("smtp.mx_consistency.not_comparable", Status.INFO);
    static final RuleCode STARTTLS = new RuleCode("smtp.mx_consistency.starttls", Status.CRIT);
    static final RuleCode OPEN_RELAY = new RuleCode("smtp.mx_consistency.open_relay", Status.CRIT);
    static final RuleCode POSTMASTER = new RuleCode("smtp.mx_consistency.postmaster", Status.WARN);
    static final RuleCode NULL_SENDER = new RuleCode("smtp.mx_consistency.null_sender", Status.WARN);
    static final RuleCode SIZE = new RuleCode("smtp.mx_consistency.size", Status.WARN);
    static final RuleCode HOST_NAMES = new RuleCode("smtp.mx_consistency.host_names", Status.WARN);
    private static final EndpointRules.Generic GENERIC = EndpointRules.Generic.of("smtp.mx_consistency");

    /**
     * A verdict another rule gives per endpoint (its good and its bad code), compared across the pool; the
     * catalogue's phrases under the finding's code name the odd endpoint's behaviour ({@code .odd_one_does}),
     * why it matters ({@code .consequence}), and what the whole pool agrees on ({@code .all_good},
     * {@code .all_bad}).
     */
    private record Verdict(RuleCode good, RuleCode bad, RuleCode finding) {

        Text phrase(String which) {
            return Text.of(finding.code() + "." + which);
        }
    }

    private final List<Verdict> verdicts = List.of(
            new Verdict(StartTlsOfferedRule.OFFERED, StartTlsOfferedRule.MISSING, STARTTLS),
            new Verdict(OpenRelayRule.REFUSED, OpenRelayRule.OPEN, OPEN_RELAY),
            new Verdict(PostmasterRule.ACCEPTED, PostmasterRule.REJECTED, POSTMASTER),
            new Verdict(NullSenderRule.ACCEPTED, NullSenderRule.REJECTED, NULL_SENDER));

    @Override
    public String name() {
        return "smtp.mx_consistency";
    }

    @Override
    public Set<RuleCode> reads() {
        Set<RuleCode> read = new LinkedHashSet<>();
        verdicts.forEach(v -> read.addAll(List.of(v.good(), v.bad())));
        return read;
    }

    @Override
    public List<RuleCode> codes() {
        return List.of(CONSISTENT, NOT_COMPARABLE, STARTTLS, OPEN_RELAY, POSTMASTER, NULL_SENDER, SIZE, HOST_NAMES,
                GENERIC.undetermined(), GENERIC.nothing());
    }

    @Override
    public List<CheckState> evaluate(SmtpObservation obs, RuleContext context) {
        Optional<CheckState> none = EndpointRules.noEndpoint(obs, GENERIC, Text.of("what.mx_pool"));
        if (none.isPresent()) {
            return List.of(none.get());
        }
        List<CheckState> findings = new ArrayList<>();
        List<Text> agreements = new ArrayList<>();
        for (Verdict v : verdicts) {
            compare(obs, context, v, findings, agreements);
        }
        compareSizes(obs, findings, agreements);
        compareHostNames(obs, findings, agreements);
        if (!findings.isEmpty()) {
            return findings;
        }
        if (agreements.isEmpty()) {
            return States.of(NOT_COMPARABLE, "smtp.mx_consistency.not_comparable.message",
                    "domain", obs.domain()).subject(obs.domain()).list();
        }
        return States.of(CONSISTENT, "smtp.mx_consistency.consistent.message", "domain", obs.domain(),
                "agreements", Text.list(agreements)).subject(obs.domain()).list();
    }

    private void compare(SmtpObservation obs, RuleContext context, Verdict v, List<CheckState> findings,
                         List<Text> agreements) {
        Map<String, CheckState> bySubject = new LinkedHashMap<>();
        context.earlier().withCode(v.good()).forEach(s -> bySubject.putIfAbsent(s.subject(), s));
        context.earlier().withCode(v.bad()).forEach(s -> bySubject.putIfAbsent(s.subject(), s));
        List<EndpointProbe> good = withCode(obs, bySubject, v.good());
        List<EndpointProbe> bad = withCode(obs, bySubject, v.bad());
        if (good.isEmpty() || bad.isEmpty()) {
            if (good.size() + bad.size() >= 2) {
                agreements.add(v.phrase(bad.isEmpty() ? "all_good" : "all_bad"));
            }
            return;
        }
        for (EndpointProbe odd : bad) {
            CheckState verdict = bySubject.get(odd.subject());
            // The verdicts themselves, each naming its endpoint: the good ones, then the odd one.
            List<String> evidence = new ArrayList<>();
            good.forEach(e -> evidence.add(bySubject.get(e.subject()).message()));
            evidence.add(verdict.message());
            findings.add(States.of(v.finding(), "smtp.mx_consistency.odd_one.message", "odd", describe(obs, odd),
                    "oddOneDoes", v.phrase("odd_one_does"), "others", withPreference(good),
                    "consequence", v.phrase("consequence"))
                    .subject(odd.subject()).evidence(evidence)
                    .reproduce(verdict.metaString(States.REPRODUCE) != null ? verdict.metaString(States.REPRODUCE)
                            : Reproduce.swaks(obs, odd, null, null, "EHLO"))
                    .build());
        }
    }

    private static List<EndpointProbe> withCode(SmtpObservation obs, Map<String, CheckState> bySubject,
                                                RuleCode code) {
        return obs.endpoints().stream().filter(e -> {
            CheckState s = bySubject.get(e.subject());
            return s != null && code.code().equals(s.code());
        }).toList();
    }

    /** SIZE as a sender sees it (after STARTTLS when it works); 0 or absent means no declared limit. */
    private static OptionalLong sizeLimit(EndpointProbe e) {
        boolean overTls = e.starttls() != null && e.starttls().handshakeOk() && !e.starttls().extensions().isEmpty();
        List<Extension> seen = overTls ? e.starttls().extensions() : e.extensions();
        return seen.stream().filter(x -> x.name().equalsIgnoreCase("SIZE") && !x.params().isEmpty())
                .map(x -> x.params().get(0)).filter(p -> DIGITS.matcher(p).matches()).mapToLong(Long::parseLong)
                .filter(n -> n > 0).findFirst();
    }

    /** An endpoint's declared SIZE. */
    private record Limit(EndpointProbe endpoint, long bytes) {
    }

    private void compareSizes(SmtpObservation obs, List<CheckState> findings, List<Text> agreements) {
        // A list, not a map keyed by endpoint: an endpoint's hash walks its whole transcript.
        List<Limit> limits = new ArrayList<>();
        obs.endpoints().forEach(e -> sizeLimit(e).ifPresent(n -> limits.add(new Limit(e, n))));
        if (limits.size() < 2) {
            return;
        }
        long max = limits.stream().mapToLong(Limit::bytes).max().orElseThrow();
        EndpointProbe largest = limits.stream().filter(x -> x.bytes() == max).findFirst().orElseThrow().endpoint();
        List<Limit> small = limits.stream().filter(x -> x.bytes() * 2 < max).toList();
        if (small.isEmpty()) {
            agreements.add(Text.of("smtp.mx_consistency.size.all_good"));
            return;
        }
        for (Limit limit : small) {
            EndpointProbe e = limit.endpoint();
            findings.add(States.of(SIZE, "smtp.mx_consistency.size.message", "endpoint", describe(obs, e),
                    "bytes", limit.bytes(), "max", max, "largest", largest.label(), "target", e.target())
                    .subject(e.subject())
                    .evidence(limits.stream().map(x -> x.endpoint().label() + ": SIZE " + x.bytes()).toList())
                    .reproduce(Reproduce.swaks(obs, e, null, null, "EHLO")).reference("RFC 1870").build());
        }
    }

    /** The host name an endpoint gives in its 220 greeting and its EHLO reply: "a.example.com/a.example.com". */
    private static Optional<String> hostNames(EndpointProbe e) {
        Reply greeting = e.greeting() == null ? null : e.greeting().reply();
        if (greeting == null || !greeting.isServiceReady() || !EndpointRules.isSuccess(e.ehlo())) {
            return Optional.empty();
        }
        return Optional.of(firstWord(greeting) + "/" + firstWord(e.ehlo()));
    }

    private static String firstWord(Reply reply) {
        String line = reply.lines().isEmpty() ? "" : reply.lines().get(0).strip();
        return line.isEmpty() ? "(none)" : line.split("\\s+")[0].toLowerCase(Locale.ROOT);
    }

    private void compareHostNames(SmtpObservation obs, List<CheckState> findings, List<Text> agreements) {
        Map<String, List<EndpointProbe>> byTarget = obs.endpoints().stream()
                .filter(e -> hostNames(e).isPresent())
                .collect(Collectors.groupingBy(EndpointProbe::target, LinkedHashMap::new, Collectors.toList()));
        boolean compared = false;
        for (Map.Entry<String, List<EndpointProbe>> target : byTarget.entrySet()) {
            List<EndpointProbe> v4 = family(target.getValue(), IpFamily.IPV4);
            List<EndpointProbe> v6 = family(target.getValue(), IpFamily.IPV6);
            if (v4.isEmpty() || v6.isEmpty()) {
                continue;
            }
            compared = true;
            Set<String> v4Names = names(v4);
            Set<String> v6Names = names(v6);
            if (v4Names.stream().anyMatch(v6Names::contains)) {
                continue;
            }
            List<String> evidence = new ArrayList<>();
            for (EndpointProbe e : target.getValue()) {
                evidence.add(e.label() + ": greeting \"" + e.greeting().reply().summary() + "\", EHLO "
                        + e.ehlo().summary());
            }
            findings.add(States.of(HOST_NAMES, "smtp.mx_consistency.host_names.message", "host", target.getKey(),
                    "v4Names", String.join(", ", v4Names), "ipv4Addresses", addresses(v4),
                    "v6Names", String.join(", ", v6Names), "ipv6Addresses", addresses(v6))
                    .subject(target.getKey()).evidence(evidence)
                    .reproduce(Reproduce.swaks(obs, v4.get(0), null, null, "EHLO") + "; "
                            + Reproduce.swaks(obs, v6.get(0), null, null, "EHLO"))
                    .build());
        }
        if (compared && findings.stream().noneMatch(s -> HOST_NAMES.code().equals(s.code()))) {
            agreements.add(Text.of("smtp.mx_consistency.host_names.all_good"));
        }
    }

    private static List<EndpointProbe> family(List<EndpointProbe> endpoints, IpFamily family) {
        return endpoints.stream().filter(e -> e.family() == family).toList();
    }

    private static Set<String> names(List<EndpointProbe> endpoints) {
        Set<String> names = new LinkedHashSet<>();
        endpoints.forEach(e -> names.add(hostNames(e).orElseThrow()));
        return names;
    }

    private static String addresses(List<EndpointProbe> endpoints) {
        return endpoints.stream().map(EndpointProbe::address).collect(Collectors.joining(", "));
    }

    /** "mx2.example.com (192.0.2.26), a backup MX (preference 20)," — the backup named as such. */
    private static Object describe(SmtpObservation obs, EndpointProbe e) {
        int primary = obs.endpoints().stream().mapToInt(EndpointProbe::preference).min().orElse(e.preference());
        return e.preference() > primary
                ? Text.of("smtp.mx_consistency.clause.backup", "endpoint", e.label(), "preference", e.preference())
                : e.label();
    }

    /** "mx1.example.com (192.0.2.25, preference 10)", an MX target that is an address without its name twice. */
    private static Text withPreference(List<EndpointProbe> endpoints) {
        return Text.list("list.comma", endpoints.stream().map(e -> e.target().equals(e.address())
                ? Text.of("smtp.mx_consistency.clause.address_preference", "address", e.address(),
                        "preference", e.preference())
                : Text.of("smtp.mx_consistency.clause.host_preference", "host", e.target(), "address", e.address(),
                        "preference", e.preference())).toList());
    }
}
