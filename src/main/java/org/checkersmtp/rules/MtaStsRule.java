package org.checkersmtp.rules;

import java.util.ArrayList;
import java.util.List;
import org.checkersmtp.i18n.Text;
import org.checkersmtp.observation.MtaSts;
import org.checkersmtp.observation.MtaStsMode;
import org.checkersmtp.observation.SmtpObservation;
import org.checkersmtp.observation.TlsEndpointPosture;
import org.checkersmtp.observation.TlsPosture;
import org.checkersmtp.observation.TlsRpt;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * MTA-STS (RFC 8461) and TLS-RPT (RFC 8460): a policy in {@code enforce} mode makes senders refuse
 * every MX it does not list, and every MX whose certificate does not validate. Judges the TLS
 * sibling's findings.
 */
@Component
@Order(180)
public class MtaStsRule implements Rule {

    static final RuleCode OK = new RuleCode("smtp.mta_sts.ok", Status.OK);
    static final RuleCode NONE = new RuleCode("smtp.mta_sts.none", Status.INFO);
    static final RuleCode TESTING = new RuleCode("smtp.mta_sts.testing", Status.INFO);
    static final RuleCode MODE_NONE = new RuleCode("smtp.mta_sts.mode_none", Status.INFO);
    static final RuleCode UNCOVERED = new RuleCode("smtp.mta_sts.uncovered", Status.CRIT);
    static final RuleCode BAD_CERTIFICATE = new RuleCode("smtp.mta_sts.certificate_invalid", Status.CRIT);
    static final RuleCode UNAVAILABLE = new RuleCode("smtp.mta_sts.unavailable", Status.WARN);
    static final RuleCode AMBIGUOUS = new RuleCode("smtp.mta_sts.multiple_records", Status.WARN);
    static final RuleCode NO_TLSRPT = new RuleCode("smtp.mta_sts.no_tlsrpt", Status.INFO);
    static final RuleCode LOOKUP_FAILED = new RuleCode("smtp.mta_sts.lookup_failed", Status.UNKNOWN);
    static final RuleCode NOT_EXAMINED = new RuleCode("smtp.mta_sts.not_examined", Status.INFO);

    @Override
    public String name() {
        return "smtp.mta_sts";
    }

    @Override
    public List<RuleCode> codes() {
        return List.of(OK, NONE, TESTING, MODE_NONE, UNCOVERED, BAD_CERTIFICATE, UNAVAILABLE, AMBIGUOUS, NO_TLSRPT,
                LOOKUP_FAILED, NOT_EXAMINED);
    }

    @Override
    public List<CheckState> evaluate(SmtpObservation obs, RuleContext context) {
        String domain = obs.domain();
        TlsPosture posture = obs.tlsPosture();
        if (posture == null || posture.mtaSts() == null) {
            Text why = Text.of(posture == null ? "clause.tls_posture_not_examined" : "smtp.mta_sts.why.no_mail");
            return States.of(NOT_EXAMINED, "smtp.mta_sts.not_examined.message", "domain", domain, "why", why)
                    .subject(domain).list();
        }
        MtaSts sts = posture.mtaSts();
        String curl = Reproduce.curlMtaSts(sts.policyUrl() != null ? sts.policyUrl() : Reproduce.mtaStsUrl(domain));
        List<CheckState> states = new ArrayList<>();
        if (sts.txtError() != null) {
            states.add(States.of(LOOKUP_FAILED, "smtp.mta_sts.lookup_failed.message", "domain", domain,
                    "txtError", sts.txtError())
                    .subject(domain).evidence(sts.txtError()).reproduce(Reproduce.digTxt("_mta-sts." + domain)).build());
        } else if (!sts.published()) {
            states.add(States.of(NONE, "smtp.mta_sts.none.message", "domain", domain)
                    .subject(domain).reproduce(Reproduce.digTxt("_mta-sts." + domain)).build());
        } else if (sts.txt().size() > 1) {
            states.add(States.of(AMBIGUOUS, "smtp.mta_sts.multiple_records.message", "domain", domain,
                    "size", sts.txt().size())
                    .subject(domain).evidence(sts.txt()).reproduce(Reproduce.digTxt("_mta-sts." + domain)).reference("RFC 8461 §3.1").build());
        } else if (sts.fetchError() != null || sts.policyError() != null) {
            Text problem = sts.fetchError() != null ? Text.of("smtp.mta_sts.problem.fetch", "error", sts.fetchError())
                    : Text.of("smtp.mta_sts.problem.malformed", "error", sts.policyError());
            states.add(States.of(UNAVAILABLE, "smtp.mta_sts.unavailable.message", "domain", domain, "problem", problem)
                    .subject(domain).evidence(evidence(sts)).reproduce(curl).reference("RFC 8461 §3.3").build());
        } else {
            states.addAll(judgePolicy(domain, sts, posture, curl));
        }
        if (sts.published() && noTlsRpt(posture.tlsRpt())) {
            states.add(States.of(NO_TLSRPT, "smtp.mta_sts.no_tlsrpt.message", "domain", domain)
                    .subject(domain).reproduce(Reproduce.digTxt("_smtp._tls." + domain)).reference("RFC 8460").build());
        }
        return states;
    }

    private List<CheckState> judgePolicy(String domain, MtaSts sts, TlsPosture posture, String curl) {
        List<String> uncovered = sts.coverage().stream().filter(c -> c.pattern() == null).map(MtaSts.Coverage::host)
                .toList();
        List<String> evidence = evidence(sts);
        // The inspector writes a policy_error for any other word, so only enforce is left for the default.
        switch (sts.policyMode().orElse(MtaStsMode.ENFORCE)) {
            case NONE -> {
                return States.of(MODE_NONE, "smtp.mta_sts.mode_none.message", "domain", domain)
                        .subject(domain).evidence(evidence).reproduce(curl).list();
            }
            case TESTING -> {
                return States.of(TESTING, "smtp.mta_sts.testing.message", "domain", domain,
                        "uncovered", uncovered.isEmpty() ? Text.of("clause.full_stop")
                                : Text.of("smtp.mta_sts.clause.uncovered", "hosts", String.join(", ", uncovered)))
                        .subject(domain).evidence(evidence).reproduce(curl).list();
            }
            default -> {
                List<CheckState> states = new ArrayList<>();
                for (String host : uncovered) {
                    states.add(States.of(UNCOVERED, "smtp.mta_sts.uncovered.message", "domain", domain, "host", host)
                            .subject(host).evidence(evidence).reproduce(curl).reference("RFC 8461 §4.1").build());
                }
                for (TlsEndpointPosture e : posture.endpoints()) {
                    Text problem = certificateProblem(e);
                    if (problem != null && !uncovered.contains(e.host())) {
                        states.add(States.of(BAD_CERTIFICATE, "smtp.mta_sts.certificate_invalid.message",
                                "endpoint", e.subject(), "domain", domain, "problem", problem)
                                .subject(e.subject()).evidence(problem.inEnglish())
                                .reproduce(Reproduce.openssl(e.host(), e.address())).reference("RFC 8461 §4.2").build());
                    }
                }
                if (states.isEmpty()) {
                    states.add(States.of(OK, "smtp.mta_sts.ok.message", "domain", domain, "hosts",
                                    String.join(", ", sts.coverage().stream().map(MtaSts.Coverage::host).toList()))
                            .subject(domain).evidence(evidence).build());
                }
                return states;
            }
        }
    }

    /** Why a sender applying MTA-STS rejects this endpoint's certificate; null when it accepts it. */
    private static Text certificateProblem(TlsEndpointPosture e) {
        if (!e.handshakeOk()) {
            return null; // no certificate seen: smtp.starttls_handshake judges the handshake
        }
        List<Text> problems = new ArrayList<>();
        if (Boolean.FALSE.equals(e.chainValid())) {
            problems.add(Text.of("smtp.mta_sts.problem.chain", "error", e.chainError()));
        }
        if (Boolean.FALSE.equals(e.hostnameMatch())) {
            problems.add(Text.of("smtp.mta_sts.problem.name", "error", e.hostnameError()));
        }
        if (e.daysToExpiry() != null && e.daysToExpiry() < 0) {
            problems.add(Text.of("smtp.mta_sts.problem.expired", "days", -e.daysToExpiry()));
        }
        return problems.isEmpty() ? null : Text.list(problems);
    }

    private static boolean noTlsRpt(TlsRpt rpt) {
        return rpt != null && rpt.error() == null && rpt.txt().isEmpty();
    }

    private static List<String> evidence(MtaSts sts) {
        List<String> lines = new ArrayList<>();
        sts.txt().forEach(t -> lines.add("_mta-sts TXT: " + t));
        if (sts.policyUrl() != null) {
            lines.add("policy: " + sts.policyUrl() + (sts.httpStatus() == 0 ? "" : " (HTTP " + sts.httpStatus() + ")"));
        }
        if (sts.mode() != null) {
            lines.add("mode: " + sts.mode() + (sts.maxAge() == null ? "" : ", max_age: " + sts.maxAge()));
        }
        sts.mx().forEach(p -> lines.add("mx: " + p));
        return lines;
    }
}
