package org.checkersmtp.rules;

import java.util.ArrayList;
import java.util.List;
import org.checkersmtp.i18n.Text;
import org.checkersmtp.observation.DaneLookup;
import org.checkersmtp.observation.DnssecStatus;
import org.checkersmtp.observation.SmtpObservation;
import org.checkersmtp.observation.TlsEndpointPosture;
import org.checkersmtp.observation.TlsPosture;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * DANE for SMTP (RFC 7672): TLSA records at {@code _25._tcp.<mx>} bind the MX certificate to DNSSEC.
 * Senders that validate DNSSEC refuse to deliver to an MX whose certificate matches none of them, and
 * ignore records DNSSEC does not vouch for. Judges the TLS sibling's findings.
 */
@Component
@Order(170)
public class DaneRule implements Rule {

    static final RuleCode OK = new RuleCode("smtp.dane.ok", Status.OK);
    static final RuleCode NONE = new RuleCode("smtp.dane.none", Status.INFO);
    static final RuleCode INSECURE = new RuleCode("smtp.dane.insecure", Status.WARN);
    static final RuleCode BOGUS = new RuleCode("smtp.dane.bogus", Status.CRIT);
    static final RuleCode UNVALIDATED = new RuleCode("smtp.dane.unvalidated", Status.UNKNOWN);
    static final RuleCode UNUSABLE = new RuleCode("smtp.dane.unusable", Status.WARN);
    static final RuleCode MISMATCH = new RuleCode("smtp.dane.mismatch", Status.CRIT);
    static final RuleCode UNTESTED = new RuleCode("smtp.dane.untested", Status.UNKNOWN);
    static final RuleCode LOOKUP_FAILED = new RuleCode("smtp.dane.lookup_failed", Status.UNKNOWN);
    static final RuleCode NOT_EXAMINED = new RuleCode("smtp.dane.not_examined", Status.INFO);

    @Override
    public String name() {
        return "smtp.dane";
    }

    @Override
    public List<RuleCode> codes() {
        return List.of(OK, NONE, INSECURE, BOGUS, UNVALIDATED, UNUSABLE, MISMATCH, UNTESTED, LOOKUP_FAILED, NOT_EXAMINED);
    }

    @Override
    public List<CheckState> evaluate(SmtpObservation obs, RuleContext context) {
        TlsPosture posture = obs.tlsPosture();
        if (posture == null || posture.dane().isEmpty()) {
            Text why = Text.of(posture == null ? "clause.tls_posture_not_examined" : "smtp.dane.why.no_mx_host");
            return States.of(NOT_EXAMINED, "smtp.dane.not_examined.message", "domain", obs.domain(), "why", why)
                    .subject(obs.domain()).list();
        }
        List<CheckState> states = new ArrayList<>();
        List<DaneLookup> unvalidated = posture.dane().stream()
                .filter(d -> d.dnssec() == DnssecStatus.INDETERMINATE).toList();
        if (!unvalidated.isEmpty()) {
            // The resolver's gap, not the domain's: one state for the check, not one per MX host.
            List<String> gaps = unvalidated.stream().map(d -> String.valueOf(d.error())).distinct().toList();
            String hosts = String.join(", ", unvalidated.stream().map(DaneLookup::host).toList());
            states.add(States.of(UNVALIDATED, "smtp.dane.unvalidated.message", "hosts", hosts,
                    "gaps", String.join("; ", gaps))
                    .subject(obs.domain()).evidence(gaps).reference("RFC 4033 §5").build());
        }
        for (DaneLookup lookup : posture.dane()) {
            if (lookup.dnssec() != DnssecStatus.INDETERMINATE) {
                states.addAll(judge(lookup, posture));
            }
        }
        return states;
    }

    private List<CheckState> judge(DaneLookup lookup, TlsPosture posture) {
        String host = lookup.host();
        String dig = Reproduce.digTlsa(host);
        if (lookup.dnssec() == DnssecStatus.ERROR) {
            return States.of(LOOKUP_FAILED, "smtp.dane.lookup_failed.message", "host", host, "error", lookup.error())
                    .subject(host).evidence(String.valueOf(lookup.error())).reproduce(dig).list();
        }
        if (lookup.dnssec() == DnssecStatus.BOGUS) {
            return States.of(BOGUS, "smtp.dane.bogus.message", "host", host, "name", lookup.name(),
                    "error", lookup.error())
                    .subject(host).evidence(String.valueOf(lookup.error())).reproduce(dig).reference("RFC 7672 §2.2").list();
        }
        if (lookup.records().isEmpty()) {
            return States.of(NONE, "smtp.dane.none.message", "host", host)
                    .subject(host).reproduce(dig).list();
        }
        List<String> records = lookup.records().stream().map(r -> lookup.name() + " TLSA " + r).toList();
        if (lookup.dnssec() != DnssecStatus.SECURE) {
            return States.of(INSECURE, "smtp.dane.insecure.message", "host", host)
                    .subject(host).evidence(records).reproduce(dig).reference("RFC 7672 §2.2").list();
        }
        if (lookup.records().stream().noneMatch(DaneRule::usable)) {
            return States.of(UNUSABLE, "smtp.dane.unusable.message", "host", host)
                    .subject(host).evidence(records).reproduce(dig).reference("RFC 7672 §3.1.3").list();
        }
        List<CheckState> states = new ArrayList<>();
        for (TlsEndpointPosture e : posture.endpoints()) {
            if (!e.host().equals(host)) {
                continue;
            }
            if (e.daneMatch() == null) {
                states.add(States.of(UNTESTED, "smtp.dane.untested.message", "endpoint", e.subject(),
                        "error", e.error() == null ? Text.of("smtp.dane.why.no_handshake") : e.error())
                        .subject(e.subject()).evidence(records).reproduce(dig).build());
            } else if (e.daneMatch()) {
                states.add(States.of(OK, "smtp.dane.ok.message", "endpoint", e.subject(),
                        "record", e.tlsaMatched().get(0))
                        .subject(e.subject()).evidence(e.tlsaMatched()).build());
            } else {
                List<String> evidence = new ArrayList<>(records);
                if (e.leaf() != null) {
                    evidence.add("presented: " + e.leaf().subject() + " (sha256 " + e.leaf().sha256() + ")");
                }
                states.add(States.of(MISMATCH, "smtp.dane.mismatch.message", "endpoint", e.subject(), "host", host)
                        .subject(e.subject()).evidence(evidence).reproduce(dig).reference("RFC 7672 §3.1").build());
            }
        }
        if (states.isEmpty()) {
            states.add(States.of(UNTESTED, "smtp.dane.untested.message.2", "host", host)
                    .subject(host).evidence(records).reproduce(dig).build());
        }
        return states;
    }

    /** RFC 7672 §3.1.3: only DANE-TA(2) and DANE-EE(3), with a known selector and matching type. */
    private static boolean usable(String record) {
        String[] f = record.trim().split("\\s+");
        return f.length >= 4 && (f[0].equals("2") || f[0].equals("3")) && (f[1].equals("0") || f[1].equals("1"))
                && (f[2].equals("0") || f[2].equals("1") || f[2].equals("2"));
    }
}
