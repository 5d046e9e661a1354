package org.checkersmtp.results;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.checkersmtp.observation.CertificateSummary;
import org.checkersmtp.observation.EndpointProbe;
import org.checkersmtp.observation.MxRecord;
import org.checkersmtp.observation.SmtpObservation;
import org.checkersmtp.observation.VisibleText;
import org.checkersmtp.report.Times;
import org.checkersmtp.rules.CheckState;
import org.checkersmtp.rules.Status;

/**
 * What changed between two results of the same check, in sentences a person reads first: verdicts that
 * appeared, cleared or changed severity (a verdict is a rule's code on a subject), the MX set and each
 * host's addresses, STARTTLS offered or not, each endpoint's certificate (fingerprint, expiry) and the
 * host name its banner gives. From the stored observations and states, never from the HTML. Empty: no change.
 */
public final class Changes {

    private Changes() {}

    public static List<String> between(StoredResult before, StoredResult after) {
        List<String> changes = new ArrayList<>();
        verdicts(before.states(), after.states(), changes);
        SmtpObservation was = before.observation();
        SmtpObservation is = after.observation();
        mx(was, is, changes);
        Map<String, EndpointProbe> old = endpoints(was);
        endpoints(is).forEach((key, now) -> {
            EndpointProbe then = old.get(key);
            if (then != null) {
                endpoint(key, then, now, changes);
            }
        });
        return changes;
    }

    /** A state's identity across checks: the code (the rule when it has none) and the subject. */
    private static String key(CheckState state) {
        String code = state.code() != null ? state.code() : state.rule();
        return state.subject() == null || state.subject().isEmpty() ? code : code + " on " + state.subject();
    }

    /** What is worth saying when it comes or goes: anything but OK and INFO. */
    private static boolean notable(Status status) {
        return status != Status.OK && status != Status.INFO;
    }

    private static void verdicts(List<CheckState> before, List<CheckState> after, List<String> changes) {
        Map<String, CheckState> was = byKey(before);
        Map<String, CheckState> is = byKey(after);
        is.forEach((key, now) -> {
            CheckState then = was.get(key);
            if (then == null) {
                if (notable(now.status())) {
                    changes.add("New " + now.status() + ": " + key + " — " + now.message());
                }
            } else if (then.status() != now.status()) {
                changes.add("Now " + now.status() + " (was " + then.status() + "): " + key + " — " + now.message());
            }
        });
        was.forEach((key, then) -> {
            if (!is.containsKey(key) && notable(then.status())) {
                changes.add("Cleared " + then.status() + ": " + key + " — " + then.message());
            }
        });
    }

    private static Map<String, CheckState> byKey(List<CheckState> states) {
        Map<String, CheckState> byKey = new LinkedHashMap<>();
        states.forEach(s -> byKey.putIfAbsent(key(s), s));
        return byKey;
    }

    private static void mx(SmtpObservation was, SmtpObservation is, List<String> changes) {
        Map<String, MxRecord> old = records(was);
        Map<String, MxRecord> now = records(is);
        setChange("MX hosts", names(old), names(now), changes);
        now.forEach((host, record) -> {
            MxRecord then = old.get(host);
            if (then != null) {
                setChange("Addresses of " + host, addresses(then), addresses(record), changes);
                if (then.preference() != record.preference()) {
                    changes.add("MX preference of " + host + ": " + then.preference() + " → " + record.preference());
                }
            }
        });
    }

    private static Map<String, MxRecord> records(SmtpObservation observation) {
        Map<String, MxRecord> records = new LinkedHashMap<>();
        if (observation.mx() != null) {
            observation.mx().records().forEach(r -> records.putIfAbsent(r.target(), r));
        }
        return records;
    }

    private static Set<String> names(Map<String, MxRecord> records) {
        return new TreeSet<>(records.keySet());
    }

    private static Set<String> addresses(MxRecord record) {
        Set<String> addresses = new TreeSet<>(record.ipv4());
        addresses.addAll(record.ipv6());
        return addresses;
    }

    private static void setChange(String what, Set<String> was, Set<String> is, List<String> changes) {
        Set<String> added = new LinkedHashSet<>(is);
        added.removeAll(was);
        Set<String> removed = new LinkedHashSet<>(was);
        removed.removeAll(is);
        if (!added.isEmpty() || !removed.isEmpty()) {
            changes.add(what + ": " + (added.isEmpty() ? "" : "added " + String.join(", ", added))
                    + (added.isEmpty() || removed.isEmpty() ? "" : "; ")
                    + (removed.isEmpty() ? "" : "removed " + String.join(", ", removed)));
        }
    }

    /** The endpoints by "host/address", the report's name for them. */
    private static Map<String, EndpointProbe> endpoints(SmtpObservation observation) {
        Map<String, EndpointProbe> endpoints = new LinkedHashMap<>();
        observation.endpoints().forEach(e -> endpoints.putIfAbsent(e.target() + "/" + e.address(), e));
        return endpoints;
    }

    private static void endpoint(String key, EndpointProbe then, EndpointProbe now, List<String> changes) {
        Boolean offeredThen = starttlsOffered(then);
        Boolean offeredNow = starttlsOffered(now);
        if (offeredThen != null && offeredNow != null && !offeredThen.equals(offeredNow)) {
            changes.add(key + (offeredNow ? ": STARTTLS offered again" : ": STARTTLS no longer offered"));
        }
        changed(key, "banner host name", bannerHost(then), bannerHost(now), changes);
        CertificateSummary certThen = certificate(then);
        CertificateSummary certNow = certificate(now);
        if (certThen != null && certNow != null) {
            changed(key, "certificate (SHA-256)", certThen.sha256(), certNow.sha256(), changes);
            changed(key, "certificate expiry", certThen.notAfter() == null ? null : Times.text(certThen.notAfter()),
                    certNow.notAfter() == null ? null : Times.text(certNow.notAfter()), changes);
        }
    }

    private static void changed(String key, String what, String was, String is, List<String> changes) {
        if (was != null && is != null && !Objects.equals(was, is)) {
            changes.add(key + ": " + what + " " + was + " → " + is);
        }
    }

    /** Whether EHLO offered STARTTLS; null when the session never got that far (nothing to compare). */
    private static Boolean starttlsOffered(EndpointProbe endpoint) {
        if (endpoint.ehlo() == null && endpoint.helo() == null) {
            return null;
        }
        return endpoint.extensions().stream().anyMatch(x -> x.name().equalsIgnoreCase("STARTTLS"));
    }

    /** The first word of the greeting after 220: the name the server gives itself. */
    private static String bannerHost(EndpointProbe endpoint) {
        if (endpoint.greeting() == null || endpoint.greeting().reply() == null
                || endpoint.greeting().reply().lines().isEmpty() || endpoint.greeting().reply().lines().get(0).isBlank()) {
            return null;
        }
        return VisibleText.of(endpoint.greeting().reply().lines().get(0).strip().split("\\s+", 2)[0]);
    }

    private static CertificateSummary certificate(EndpointProbe endpoint) {
        return endpoint.starttls() == null ? null : endpoint.starttls().certificate();
    }
}
