package org.checkersmtp.rules;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.checkersmtp.i18n.Text;
import org.checkersmtp.observation.RelatedObservation;
import org.checkersmtp.observation.SmtpObservation;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Folds checker-tls's findings (chain, host name, expiry, version) for our MX hosts onto SMTP. Its
 * {@code tls_probes} observation arrives as related data, matched to our hosts by entry ref
 * ({@code host:25}) or by host and port; its schema is read defensively.
 */
@Component
@Order(160)
public class TlsQualityRule implements Rule {

    static final String RELATED_KEY = "tls_probes";

    static final RuleCode OK = new RuleCode("smtp.tls_quality.ok", Status.OK);
    static final RuleCode CHAIN = new RuleCode("smtp.tls_quality.chain_invalid", Status.CRIT);
    static final RuleCode HOSTNAME = new RuleCode("smtp.tls_quality.hostname_mismatch", Status.CRIT);
    static final RuleCode EXPIRED = new RuleCode("smtp.tls_quality.expired", Status.CRIT);
    static final RuleCode EXPIRING = new RuleCode("smtp.tls_quality.expiring_soon", Status.WARN);
    static final RuleCode WEAK = new RuleCode("smtp.tls_quality.weak_version", Status.WARN);
    static final RuleCode OTHER = new RuleCode("smtp.tls_quality.issue", Status.WARN);
    static final RuleCode NO_RESULT = new RuleCode("smtp.tls_quality.no_result", Status.INFO);
    static final RuleCode UNREADABLE = new RuleCode("smtp.tls_quality.unreadable", Status.UNKNOWN);

    /** checker-tls's issue codes we have a code for, worst first: the first one present is the verdict. */
    private static final Map<String, RuleCode> KNOWN_ISSUES = orderedIssues();

    private static Map<String, RuleCode> orderedIssues() {
        Map<String, RuleCode> issues = new LinkedHashMap<>();
        issues.put("chain_invalid", CHAIN);
        issues.put("hostname_mismatch", HOSTNAME);
        issues.put("expired", EXPIRED);
        issues.put("expiring_soon", EXPIRING);
        issues.put("weak_version", WEAK);
        issues.put("weak_tls_version", WEAK);
        return issues;
    }

    @Override
    public String name() {
        return "smtp.tls_quality";
    }

    @Override
    public List<RuleCode> codes() {
        return List.of(OK, CHAIN, HOSTNAME, EXPIRED, EXPIRING, WEAK, OTHER, NO_RESULT, UNREADABLE);
    }

    @Override
    public List<CheckState> evaluate(SmtpObservation obs, RuleContext context) {
        List<String> hosts = obs.mxHosts();
        List<RelatedObservation> related = context.related(RELATED_KEY);
        if (related.isEmpty()) {
            return States.of(NO_RESULT, "smtp.tls_quality.no_result.message", "domain", obs.domain())
                    .subject(obs.domain()).list();
        }
        Map<String, JsonNode> probes = new LinkedHashMap<>();
        List<String> unreadable = new ArrayList<>();
        for (RelatedObservation r : related) {
            try {
                collectProbes(r, probes);
            } catch (RuntimeException e) {
                unreadable.add((r.ref() == null || r.ref().isEmpty() ? "?" : r.ref()) + ": " + e.getMessage());
            }
        }
        List<CheckState> states = new ArrayList<>();
        for (String host : hosts) {
            JsonNode probe = probes.get(host.toLowerCase(Locale.ROOT) + ":25");
            if (probe != null) {
                states.add(judge(host, probe, obs.runAt()));
            }
        }
        if (states.isEmpty()) {
            if (!unreadable.isEmpty()) {
                return States.of(UNREADABLE, "smtp.tls_quality.unreadable.message",
                        "unreadable", String.join("; ", unreadable)).subject(obs.domain()).evidence(unreadable).list();
            }
            return States.of(NO_RESULT, "smtp.tls_quality.no_result.message.2", "domain", obs.domain(),
                    "hosts", String.join(", ", hosts))
                    .subject(obs.domain()).list();
        }
        return states;
    }

    /** Indexes every probe by "host:port" (from the probe itself, else from the entry ref). */
    private static void collectProbes(RelatedObservation related, Map<String, JsonNode> into) {
        JsonNode data = related.data();
        if (data == null || !data.isObject()) {
            throw new IllegalArgumentException("data is not an object");
        }
        JsonNode probes = data.has("probes") ? data.get("probes") : data;
        if (probes.isArray()) {
            for (JsonNode p : probes) {
                index(p, related.ref(), into);
            }
        } else if (probes.isObject()) {
            if (probes.has("host")) {
                index(probes, related.ref(), into);
                return;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = probes.properties().iterator(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                index(entry.getValue(), entry.getKey(), into);
            }
        } else {
            throw new IllegalArgumentException("no probes in the TLS observation");
        }
    }

    private static void index(JsonNode probe, String fallbackRef, Map<String, JsonNode> into) {
        if (probe == null || !probe.isObject()) {
            return;
        }
        String key = null;
        if (probe.hasNonNull("host")) {
            String host = probe.get("host").asString().toLowerCase(Locale.ROOT).replaceAll("\\.$", "");
            key = host + ":" + (probe.hasNonNull("port") ? probe.get("port").asInt() : 25);
        } else if (probe.hasNonNull("endpoint")) {
            key = probe.get("endpoint").asString().toLowerCase(Locale.ROOT);
        } else if (fallbackRef != null && !fallbackRef.isEmpty()) {
            key = fallbackRef.toLowerCase(Locale.ROOT);
        }
        if (key != null) {
            into.putIfAbsent(key, probe);
        }
    }

    private CheckState judge(String host, JsonNode probe, Instant now) {
        Set<String> issues = new LinkedHashSet<>();
        if (probe.has("issues") && probe.get("issues").isArray()) {
            for (JsonNode issue : probe.get("issues")) {
                issues.add(issue.isObject() && issue.has("code") ? issue.get("code").asString() : issue.asString());
            }
        }
        if (probe.has("chain_valid") && !probe.get("chain_valid").asBoolean(true)) {
            issues.add("chain_invalid");
        }
        if (probe.has("hostname_match") && !probe.get("hostname_match").asBoolean(true)) {
            issues.add("hostname_mismatch");
        }
        Instant notAfter = instant(probe.get("not_after"));
        if (notAfter != null && now != null && notAfter.isBefore(now)) {
            issues.add("expired");
        }
        String openssl = Reproduce.openssl(host);
        List<String> evidence = new ArrayList<>();
        evidence.add("checker-tls issues: " + (issues.isEmpty() ? "none" : String.join(", ", issues)));
        if (probe.hasNonNull("issuer")) {
            evidence.add("issuer: " + probe.get("issuer").asString());
        }
        if (notAfter != null) {
            evidence.add("not after: " + notAfter);
        }
        if (probe.hasNonNull("tls_version")) {
            evidence.add("version: " + probe.get("tls_version").asString());
        }
        for (Map.Entry<String, RuleCode> known : KNOWN_ISSUES.entrySet()) {
            if (issues.contains(known.getKey())) {
                RuleCode code = known.getValue();
                return States.of(code, "smtp.tls_quality.known_issue.message", "host", host,
                        "meaning", Text.of(code.meaningKey())).subject(host).evidence(evidence)
                        .reproduce(openssl).build();
            }
        }
        issues.removeAll(List.of("tcp_unreachable", "handshake_failed", "starttls_not_offered"));
        if (!issues.isEmpty()) {
            return States.of(OTHER, "smtp.tls_quality.issue.message", "host", host, "issues", String.join(", ", issues))
                    .subject(host).evidence(evidence).reproduce(openssl).build();
        }
        return States.of(OK, "smtp.tls_quality.ok.message", "host", host,
                "until", notAfter == null ? "" : Text.of("clause.until", "date", notAfter))
                .subject(host).build();
    }

    private static Instant instant(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        try {
            return Instant.parse(node.asString());
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
