package org.checkersmtp.rules;

import java.util.ArrayList;
import java.util.List;
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

    static final RuleCode OK = new RuleCode("smtp.dane.ok", Status.OK,
            "The certificate presented matches a DNSSEC-validated TLSA record.", null);
    static final RuleCode NONE = new RuleCode("smtp.dane.none", Status.INFO,
            "The MX host publishes no TLSA record: DANE senders use opportunistic TLS.",
            "To protect STARTTLS against downgrade, sign the zone with DNSSEC and publish "
                    + "\"_25._tcp.<mx> TLSA 3 1 1 <sha256 of the key>\" (plan key rollovers: publish the next key's record first).");
    static final RuleCode INSECURE = new RuleCode("smtp.dane.insecure", Status.WARN,
            "TLSA records exist but DNSSEC does not vouch for them: senders ignore them.",
            "Sign the zone holding _25._tcp.<mx> with DNSSEC and publish its DS record at the parent, or remove the "
                    + "TLSA records.");
    static final RuleCode BOGUS = new RuleCode("smtp.dane.bogus", Status.CRIT,
            "DNSSEC validation of the TLSA records fails: validating senders defer mail to this MX.",
            "Repair the zone's signatures or the DS record at the parent (see the validator's reason; dig +dnssec, "
                    + "https://dnsviz.net).");
    static final RuleCode UNVALIDATED = new RuleCode("smtp.dane.unvalidated", Status.UNKNOWN,
            "The resolver did not give the DNSSEC validator a chain from the trust anchor, so DANE could not be "
                    + "judged (this says nothing about the domain).",
            "Point checker.dns.servers at a DNSSEC-capable resolver that returns signatures and DNSKEY records, or "
                    + "name anchors the resolver can reach in checker.dns.trust-anchors.");
    static final RuleCode UNUSABLE = new RuleCode("smtp.dane.unusable", Status.WARN,
            "No TLSA record is usable for SMTP (usages 0 and 1, or unknown parameters, are ignored by senders).",
            "Publish DANE-EE records (usage 3, e.g. \"3 1 1 <sha256 of the key>\") or DANE-TA (usage 2) records.");
    static final RuleCode MISMATCH = new RuleCode("smtp.dane.mismatch", Status.CRIT,
            "The certificate presented matches none of the TLSA records: DANE senders refuse to deliver to it.",
            "Publish a TLSA record for the certificate the server presents (3 1 1 = SHA-256 of its public key), or "
                    + "install the certificate the records describe; keep both records during a rollover.");
    static final RuleCode UNTESTED = new RuleCode("smtp.dane.untested", Status.UNKNOWN,
            "The endpoint's certificate could not be obtained, so it could not be matched with the TLSA records.",
            null);
    static final RuleCode LOOKUP_FAILED = new RuleCode("smtp.dane.lookup_failed", Status.UNKNOWN,
            "The TLSA lookup failed, so DANE could not be judged.", null);
    static final RuleCode NOT_EXAMINED = new RuleCode("smtp.dane.not_examined", Status.INFO,
            "The TLS posture (DANE included) was not examined in this run.", null);

    @Override
    public String name() {
        return "smtp.dane";
    }

    @Override
    public String description() {
        return "Judges DANE (RFC 7672) for every MX host: TLSA records at _25._tcp.<mx>, their DNSSEC status, and "
                + "whether each endpoint's certificate matches them.";
    }

    @Override
    public List<RuleCode> codes() {
        return List.of(OK, NONE, INSECURE, BOGUS, UNVALIDATED, UNUSABLE, MISMATCH, UNTESTED, LOOKUP_FAILED, NOT_EXAMINED);
    }

    @Override
    public List<CheckState> evaluate(SmtpObservation obs, RuleContext context) {
        TlsPosture posture = obs.tlsPosture();
        if (posture == null || posture.dane().isEmpty()) {
            String why = posture == null ? "the TLS posture was not examined (run option tls_posture)"
                    : "there is no MX host name to look up";
            return States.of(NOT_EXAMINED, "DANE not judged for " + obs.domain() + ": " + why + ".")
                    .subject(obs.domain()).list();
        }
        List<CheckState> states = new ArrayList<>();
        List<DaneLookup> unvalidated = posture.dane().stream()
                .filter(d -> d.dnssec() == DnssecStatus.INDETERMINATE).toList();
        if (!unvalidated.isEmpty()) {
            // The resolver's gap, not the domain's: one state for the check, not one per MX host.
            List<String> gaps = unvalidated.stream().map(d -> String.valueOf(d.error())).distinct().toList();
            String hosts = String.join(", ", unvalidated.stream().map(DaneLookup::host).toList());
            states.add(States.of(UNVALIDATED, "DANE not judged for " + hosts + ": " + String.join("; ", gaps)
                            + ". Use a DNSSEC-capable resolver (checker.dns.servers) or anchors it can reach "
                            + "(checker.dns.trust-anchors).")
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
            return States.of(LOOKUP_FAILED, host + ": the TLSA lookup failed: " + lookup.error() + ".")
                    .subject(host).evidence(String.valueOf(lookup.error())).reproduce(dig).list();
        }
        if (lookup.dnssec() == DnssecStatus.BOGUS) {
            return States.of(BOGUS, host + ": DNSSEC validation of " + lookup.name() + " fails (" + lookup.error()
                            + "): validating senders defer mail to this MX.")
                    .subject(host).evidence(String.valueOf(lookup.error())).reproduce(dig).reference("RFC 7672 §2.2").list();
        }
        if (lookup.records().isEmpty()) {
            return States.of(NONE,
                            host + " publishes no TLSA record: senders use opportunistic TLS, open to downgrade.")
                    .subject(host).reproduce(dig).list();
        }
        List<String> records = lookup.records().stream().map(r -> lookup.name() + " TLSA " + r).toList();
        if (lookup.dnssec() != DnssecStatus.SECURE) {
            return States.of(INSECURE, host + " publishes TLSA records without DNSSEC: senders ignore them.")
                    .subject(host).evidence(records).reproduce(dig).reference("RFC 7672 §2.2").list();
        }
        if (lookup.records().stream().noneMatch(DaneRule::usable)) {
            return States.of(UNUSABLE, host + ": none of its TLSA records is usable for SMTP (usage 2 or 3 needed).")
                    .subject(host).evidence(records).reproduce(dig).reference("RFC 7672 §3.1.3").list();
        }
        List<CheckState> states = new ArrayList<>();
        for (TlsEndpointPosture e : posture.endpoints()) {
            if (!e.host().equals(host)) {
                continue;
            }
            if (e.daneMatch() == null) {
                states.add(States.of(UNTESTED, e.subject() + ": no certificate obtained ("
                                + (e.error() == null ? "no handshake" : e.error()) + "), so it could not be matched "
                                + "with the TLSA records.")
                        .subject(e.subject()).evidence(records).reproduce(dig).build());
            } else if (e.daneMatch()) {
                states.add(States.of(OK, e.subject() + ": the certificate matches " + e.tlsaMatched().get(0) + ".")
                        .subject(e.subject()).evidence(e.tlsaMatched()).build());
            } else {
                List<String> evidence = new ArrayList<>(records);
                if (e.leaf() != null) {
                    evidence.add("presented: " + e.leaf().subject() + " (sha256 " + e.leaf().sha256() + ")");
                }
                states.add(States.of(MISMATCH, e.subject() + ": the certificate matches none of the TLSA records of "
                                + host + ": DANE senders refuse to deliver to this endpoint.")
                        .subject(e.subject()).evidence(evidence).reproduce(dig).reference("RFC 7672 §3.1").build());
            }
        }
        if (states.isEmpty()) {
            states.add(States.of(UNTESTED,
                            host + ": TLSA records are published but no endpoint of the host was examined.")
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
