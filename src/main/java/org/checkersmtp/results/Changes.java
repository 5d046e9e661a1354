package org.checkersmtp.results;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.checkersmtp.i18n.Text;
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
 * Each change is a {@link Text}, said in the reader's language where it is shown; a verdict's message is its
 * state's own text (the message as written for a state kept without one).
 */
public final class Changes {

    private Changes() {}

    public static List<Text> between(StoredResult before, StoredResult after) {
        List<Text> changes = new ArrayList<>();
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
        String code = code(state);
        return state.subject() == null || state.subject().isEmpty() ? code : code + "\0" + state.subject();
    }

    private static String code(CheckState state) {
        return state.code() != null ? state.code() : state.rule();
    }

    /** The verdict as the reader sees it: "smtp.open_relay on mx1.example.com/192.0.2.25". */
    private static Object verdict(CheckState state) {
        return state.subject() == null || state.subject().isEmpty() ? code(state)
                : Text.of("changes.verdict", "code", code(state), "subject", state.subject());
    }

    private static Object message(CheckState state) {
        return state.text() != null ? state.text() : state.message();
    }

    private static Text change(String key, CheckState state, Object... more) {
        List<Object> parameters = new ArrayList<>(List.of("status", state.status().name(), "verdict", verdict(state),
                "message", message(state)));
        parameters.addAll(List.of(more));
        return Text.of(key, parameters.toArray());
    }

    /** What is worth saying when it comes or goes: anything but OK and INFO. */
    private static boolean notable(Status status) {
        return status != Status.OK && status != Status.INFO;
    }

    private static void verdicts(List<CheckState> before, List<CheckState> after, List<Text> changes) {
        Map<String, CheckState> was = byKey(before);
        Map<String, CheckState> is = byKey(after);
        is.forEach((key, now) -> {
            CheckState then = was.get(key);
            if (then == null) {
                if (notable(now.status())) {
                    changes.add(change("changes.new", now));
                }
            } else if (then.status() != now.status()) {
                changes.add(change("changes.now", now, "was", then.status().name()));
            }
        });
        was.forEach((key, then) -> {
            if (!is.containsKey(key) && notable(then.status())) {
                changes.add(change("changes.cleared", then));
            }
        });
    }

    private static Map<String, CheckState> byKey(List<CheckState> states) {
        Map<String, CheckState> byKey = new LinkedHashMap<>();
        states.forEach(s -> byKey.putIfAbsent(key(s), s));
        return byKey;
    }

    private static void mx(SmtpObservation was, SmtpObservation is, List<Text> changes) {
        Map<String, MxRecord> old = records(was);
        Map<String, MxRecord> now = records(is);
        setChange(Text.of("changes.mx_hosts"), names(old), names(now), changes);
        now.forEach((host, record) -> {
            MxRecord then = old.get(host);
            if (then != null) {
                setChange(Text.of("changes.addresses", "host", host), addresses(then), addresses(record), changes);
                if (then.preference() != record.preference()) {
                    changes.add(Text.of("changes.preference", "host", host, "was", then.preference(),
                            "now", record.preference()));
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

    private static void setChange(Text what, Set<String> was, Set<String> is, List<Text> changes) {
        Set<String> added = new LinkedHashSet<>(is);
        added.removeAll(was);
        Set<String> removed = new LinkedHashSet<>(was);
        removed.removeAll(is);
        List<Text> parts = new ArrayList<>();
        if (!added.isEmpty()) {
            parts.add(Text.of("changes.added", "names", String.join(", ", added)));
        }
        if (!removed.isEmpty()) {
            parts.add(Text.of("changes.removed", "names", String.join(", ", removed)));
        }
        if (!parts.isEmpty()) {
            changes.add(Text.of("changes.set", "what", what, "change", Text.list(parts)));
        }
    }

    /** The endpoints by "host/address", the report's name for them. */
    private static Map<String, EndpointProbe> endpoints(SmtpObservation observation) {
        Map<String, EndpointProbe> endpoints = new LinkedHashMap<>();
        observation.endpoints().forEach(e -> endpoints.putIfAbsent(e.target() + "/" + e.address(), e));
        return endpoints;
    }

    private static void endpoint(String key, EndpointProbe then, EndpointProbe now, List<Text> changes) {
        Boolean offeredThen = starttlsOffered(then);
        Boolean offeredNow = starttlsOffered(now);
        if (offeredThen != null && offeredNow != null && !offeredThen.equals(offeredNow)) {
            changes.add(Text.of(offeredNow ? "changes.starttls_again" : "changes.starttls_gone", "endpoint", key));
        }
        changed(key, "changes.banner_host", bannerHost(then), bannerHost(now), changes);
        CertificateSummary certThen = certificate(then);
        CertificateSummary certNow = certificate(now);
        if (certThen != null && certNow != null) {
            changed(key, "changes.certificate", certThen.sha256(), certNow.sha256(), changes);
            changed(key, "changes.certificate_expiry", certThen.notAfter() == null ? null : Times.text(certThen.notAfter()),
                    certNow.notAfter() == null ? null : Times.text(certNow.notAfter()), changes);
        }
    }

    private static void changed(String key, String what, String was, String is, List<Text> changes) {
        if (was != null && is != null && !Objects.equals(was, is)) {
            changes.add(Text.of(what, "endpoint", key, "was", was, "now", is));
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
