package org.checkersmtp.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.checkersmtp.observation.EndReason;
import org.checkersmtp.observation.EndpointProbe;
import org.checkersmtp.observation.Phase;
import org.checkersmtp.observation.Reply;
import org.checkersmtp.observation.SmtpObservation;
import org.checkersmtp.observation.StartTls;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Where STARTTLS is advertised, the upgrade works: the command is accepted and the handshake succeeds. */
@Component
@Order(80)
public class StartTlsHandshakeRule implements Rule {

    static final RuleCode OK = new RuleCode("smtp.starttls_handshake.ok", Status.OK,
            "STARTTLS works: the TLS handshake succeeds.", null);
    static final RuleCode FAILED = new RuleCode("smtp.starttls_handshake.failed", Status.CRIT,
            "STARTTLS is advertised but the TLS handshake fails: senders fall back to clear text or defer mail.",
            "Check the certificate and key files the MTA loads and its TLS protocol/cipher settings (Postfix: "
                    + "smtpd_tls_chain_files, smtpd_tls_protocols, and the warnings in the mail log; Exim: "
                    + "tls_certificate, tls_privatekey, tls_require_ciphers).");
    static final RuleCode REFUSED = new RuleCode("smtp.starttls_handshake.refused", Status.CRIT,
            "STARTTLS is advertised but the command is refused (5xx).",
            "Fix the MTA's TLS set-up; Postfix answers \"454 4.7.0 TLS not available due to local problem\" when "
                    + "it cannot load its certificate or key: the mail log says why.");
    static final RuleCode TEMPORARY = new RuleCode("smtp.starttls_handshake.temporary", Status.WARN,
            "Inconclusive: STARTTLS was temporarily refused (4xx) — often a certificate or key the MTA cannot "
                    + "load (Postfix's 454).",
            "Read the MTA's log at the time of the test; Postfix logs \"cannot load certificate\" or \"cannot get "
                    + "private key\" warnings.");
    static final RuleCode NOT_ADVERTISED = new RuleCode("smtp.starttls_handshake.not_advertised", Status.INFO,
            "STARTTLS is not advertised here, so there is no handshake to test (see smtp.starttls_offered).", null);
    static final RuleCode NOTHING_TO_JUDGE = new RuleCode("smtp.starttls_handshake.none", Status.INFO,
            "No endpoint was asked for a TLS handshake, so there is none to judge.", null);
    private static final EndpointRules.Generic GENERIC = EndpointRules.Generic.of("smtp.starttls_handshake",
            "the STARTTLS handshake");

    @Override
    public String name() {
        return "smtp.starttls_handshake";
    }

    @Override
    public String description() {
        return "Where STARTTLS is advertised, the command is accepted and the TLS handshake succeeds "
                + "(any certificate: judging it is checker-tls's job).";
    }

    @Override
    public List<RuleCode> codes() {
        return GENERIC.with(OK, FAILED, REFUSED, TEMPORARY, NOT_ADVERTISED, NOTHING_TO_JUDGE);
    }

    /** Whether an endpoint offers STARTTLS is smtp.starttls_offered's to say: this rule only points there. */
    @Override
    public Set<RuleCode> reads() {
        return Set.of(StartTlsOfferedRule.MISSING);
    }

    /**
     * Where STARTTLS is not advertised there is no handshake: this rule says so, pointing to
     * smtp.starttls_offered, only where that rule said it is missing. With that rule turned off, such an
     * endpoint gets no state here, for the user asked not to hear about the offer.
     */
    @Override
    public List<CheckState> evaluate(SmtpObservation obs, RuleContext context) {
        Set<String> saidMissing = context.earlier().withCode(StartTlsOfferedRule.MISSING).stream()
                .map(CheckState::subject).collect(Collectors.toSet());
        List<CheckState> states = new ArrayList<>(EndpointRules.perEndpoint(obs, GENERIC, "STARTTLS handshake",
                e -> judge(e, saidMissing)));
        states.removeIf(Objects::isNull);
        if (states.isEmpty()) {
            return States.of(NOTHING_TO_JUDGE, "No endpoint of " + obs.domain() + " was asked for a TLS handshake: "
                    + "nothing to judge.").subject(obs.domain()).list();
        }
        return states;
    }

    /** The verdict on one endpoint's handshake; null for an endpoint without one that nothing else named. */
    private CheckState judge(EndpointProbe e, Set<String> saidMissing) {
        if (e.ehlo() == null) {
            return EndpointRules.untested(e, GENERIC, "the STARTTLS handshake");
        }
        if (!e.advertises("STARTTLS")) {
            return !saidMissing.contains(e.subject()) ? null
                    : States.of(NOT_ADVERTISED, e.label() + " does not advertise STARTTLS: no handshake to test.")
                    .subject(e.subject()).build();
        }
        StartTls tls = e.starttls();
        if (tls == null) {
            return EndpointRules.untested(e, GENERIC, "the STARTTLS handshake");
        }
        String openssl = Reproduce.openssl(e);
        Reply reply = tls.reply();
        if (reply != null && !reply.isServiceReady()) {
            if (reply.transientFailure()) {
                return States.of(TEMPORARY, e.label() + ": inconclusive — STARTTLS temporarily refused with "
                                + reply.summary() + ".")
                        .subject(e.subject()).evidence(reply.summary()).reproduce(openssl).build();
            }
            return States.of(REFUSED, e.label() + " advertises STARTTLS but refuses it with " + reply.summary()
                            + ".")
                    .subject(e.subject()).evidence(reply.summary()).reproduce(openssl).reference("RFC 3207 §4")
                    .build();
        }
        if (!tls.handshakeOk() && e.end() != null && e.end().phase() == Phase.TLS_HANDSHAKE
                && e.end().reason() == EndReason.DEADLINE) {
            // A handshake still under way at the deadline neither failed nor succeeded: the run's timeout ended it.
            return EndpointRules.untested(e, GENERIC, "the STARTTLS handshake");
        }
        if (tls.handshakeOk()) {
            return States.of(OK, e.label() + " completes STARTTLS: " + tls.protocol() + " " + tls.cipherSuite()
                    + ".").subject(e.subject()).build();
        }
        String fallback = tls.plaintextFallback() ? " A sending MTA then retries in clear text, as the checker did."
                : "";
        return States.of(FAILED, e.label() + " advertises STARTTLS but the TLS handshake fails: " + tls.error() + "."
                        + fallback)
                .subject(e.subject()).evidence(String.valueOf(tls.error())).reproduce(openssl).reference("RFC 3207")
                .build();
    }
}
