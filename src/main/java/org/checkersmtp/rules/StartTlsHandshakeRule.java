package org.checkersmtp.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.checkersmtp.i18n.Text;
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

    static final RuleCode OK = new RuleCode("smtp.starttls_handshake.ok", Status.OK);
    static final RuleCode FAILED = new RuleCode("smtp.starttls_handshake.failed", Status.CRIT);
    static final RuleCode REFUSED = new RuleCode("smtp.starttls_handshake.refused", Status.CRIT);
    static final RuleCode TEMPORARY = new RuleCode("smtp.starttls_handshake.temporary", Status.WARN);
    static final RuleCode NOT_ADVERTISED = new RuleCode("smtp.starttls_handshake.not_advertised", Status.INFO);
    static final RuleCode NOTHING_TO_JUDGE = new RuleCode("smtp.starttls_handshake.none", Status.INFO);
    private static final EndpointRules.Generic GENERIC = EndpointRules.Generic.of("smtp.starttls_handshake");

    @Override
    public String name() {
        return "smtp.starttls_handshake";
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
        List<CheckState> states = new ArrayList<>(EndpointRules.perEndpoint(obs, GENERIC, Text.of("what.starttls_handshake"),
                e -> judge(e, saidMissing)));
        states.removeIf(Objects::isNull);
        if (states.isEmpty()) {
            return States.of(NOTHING_TO_JUDGE, "smtp.starttls_handshake.none.message",
                    "domain", obs.domain()).subject(obs.domain()).list();
        }
        return states;
    }

    /** The verdict on one endpoint's handshake; null for an endpoint without one that nothing else named. */
    private CheckState judge(EndpointProbe e, Set<String> saidMissing) {
        if (e.ehlo() == null) {
            return EndpointRules.untested(e, GENERIC, Text.of("what.the_starttls_handshake"));
        }
        if (!e.advertises("STARTTLS")) {
            return !saidMissing.contains(e.subject()) ? null
                    : States.of(NOT_ADVERTISED, "smtp.starttls_handshake.not_advertised.message", "endpoint", e.label())
                    .subject(e.subject()).build();
        }
        StartTls tls = e.starttls();
        if (tls == null) {
            return EndpointRules.untested(e, GENERIC, Text.of("what.the_starttls_handshake"));
        }
        String openssl = Reproduce.openssl(e);
        Reply reply = tls.reply();
        if (reply != null && !reply.isServiceReady()) {
            if (reply.transientFailure()) {
                return States.of(TEMPORARY, "smtp.starttls_handshake.temporary.message", "endpoint", e.label(),
                        "reply", reply.summary())
                        .subject(e.subject()).evidence(reply.summary()).reproduce(openssl).build();
            }
            return States.of(REFUSED, "smtp.starttls_handshake.refused.message", "endpoint", e.label(),
                    "reply", reply.summary())
                    .subject(e.subject()).evidence(reply.summary()).reproduce(openssl).reference("RFC 3207 §4")
                    .build();
        }
        if (!tls.handshakeOk() && e.end() != null && e.end().phase() == Phase.TLS_HANDSHAKE
                && e.end().reason() == EndReason.DEADLINE) {
            // A handshake still under way at the deadline neither failed nor succeeded: the run's timeout ended it.
            return EndpointRules.untested(e, GENERIC, Text.of("what.the_starttls_handshake"));
        }
        if (tls.handshakeOk()) {
            return States.of(OK, "smtp.starttls_handshake.ok.message", "endpoint", e.label(),
                    "protocol", tls.protocol(), "cipherSuite", tls.cipherSuite()).subject(e.subject()).build();
        }
        Object fallback = tls.plaintextFallback() ? Text.of("smtp.starttls_handshake.clause.fallback") : "";
        return States.of(FAILED, "smtp.starttls_handshake.failed.message", "endpoint", e.label(), "error", tls.error(),
                "fallback", fallback)
                .subject(e.subject()).evidence(String.valueOf(tls.error())).reproduce(openssl).reference("RFC 3207")
                .build();
    }
}
