package org.checkersmtp.rules;

import org.checkersmtp.i18n.Text;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.checkersmtp.observation.EndReason;
import org.checkersmtp.observation.EndpointProbe;
import org.checkersmtp.observation.MxLookup;
import org.checkersmtp.observation.SmtpObservation;

/**
 * What every per-endpoint rule shares: the codes for "could not determine" (DNS failed), "nothing to
 * test" (null MX, no address) and "could not test" (endpoint untestable or not reached), and the
 * sentence that says why.
 */
final class EndpointRules {

    /** The three generic codes of a rule whose codes start with {@code prefix}. */
    record Generic(RuleCode undetermined, RuleCode nothing, RuleCode untested) {

        static Generic of(String prefix) {
            return new Generic(new RuleCode(prefix + ".undetermined", Status.ERROR),
                    new RuleCode(prefix + ".nothing", Status.INFO), new RuleCode(prefix + ".untested", Status.UNKNOWN));
        }

        /** A rule's own codes followed by these three. */
        List<RuleCode> with(RuleCode... own) {
            List<RuleCode> all = new ArrayList<>(List.of(own));
            all.addAll(List.of(undetermined, nothing, untested));
            return all;
        }
    }

    private EndpointRules() {}

    /** One state for the domain when there is no endpoint to judge; empty when there are endpoints. */
    static Optional<CheckState> noEndpoint(SmtpObservation obs, Generic codes, Text what) {
        if (!obs.endpoints().isEmpty()) {
            return Optional.empty();
        }
        MxLookup mx = obs.mx();
        String domain = obs.domain();
        if (mx.error() != null && !mx.error().isEmpty()) {
            return Optional.of(States.of(codes.undetermined(), "generic.undetermined.message", "what", what,
                    "domain", domain, "error", mx.error())
                    .subject(domain).evidence(mx.error()).reproduce(Reproduce.digMx(domain)).build());
        }
        String variant = mx.nullMx() ? "null_mx" : mx.nxdomain() ? "nxdomain" : "no_address";
        return Optional.of(States.of(codes.nothing(), "generic.nothing.message." + variant, "domain", domain,
                "what", what).subject(domain).build());
    }

    /** Runs {@code judge} on every endpoint, or gives the single no-endpoint state. */
    static List<CheckState> perEndpoint(SmtpObservation obs, Generic codes, Text what,
                                        Function<EndpointProbe, CheckState> judge) {
        Optional<CheckState> none = noEndpoint(obs, codes, what);
        if (none.isPresent()) {
            return List.of(none.get());
        }
        List<CheckState> states = new ArrayList<>();
        for (EndpointProbe e : obs.endpoints()) {
            states.add(judge.apply(e));
        }
        return states;
    }

    /** UNKNOWN for an endpoint that does not have the data a rule needs, saying why. */
    static CheckState untested(EndpointProbe e, Generic codes, Text what) {
        return States.of(codes.untested(), "generic.untested.message", "endpoint", e.label(), "what", what,
                "why", whyNot(e))
                .subject(e.subject()).evidence(evidence(e)).build();
    }

    /** Why a session did not produce what a rule needs. */
    static Text whyNot(EndpointProbe e) {
        if (e.connect() != null && !e.connect().ok()) {
            if (e.connect().failure() != null && e.connect().failure().untestable()) {
                return Text.of("generic.why.untestable", "error", e.connect().error());
            }
            return Text.of("generic.why.unreachable", "error", e.connect().error());
        }
        if (e.greeting() != null && e.greeting().reply() != null && !e.greeting().reply().isServiceReady()) {
            return Text.of("generic.why.greeting_refused", "greetingReply", e.greeting().reply().summary());
        }
        if (e.end() != null && e.end().reason() != EndReason.COMPLETED) {
            String reason = e.end().reason().name().toLowerCase();
            return e.end().detail() == null
                    ? Text.of("generic.why.session_ended", "phase", e.end().phase(), "reason", reason)
                    : Text.of("generic.why.session_ended_detail", "phase", e.end().phase(), "reason", reason,
                            "detail", e.end().detail());
        }
        if (e.ehlo() != null && !isSuccess(e.ehlo()) && !isSuccess(e.helo())) {
            return Text.of("generic.why.ehlo_refused");
        }
        return Text.of("generic.why.not_reached");
    }

    static List<String> evidence(EndpointProbe e) {
        List<String> lines = new ArrayList<>();
        if (e.connect() != null && e.connect().error() != null) {
            lines.add(e.connect().error());
        }
        if (e.end() != null && e.end().detail() != null) {
            lines.add(e.end().detail());
        }
        return lines;
    }

    static boolean isSuccess(org.checkersmtp.observation.Reply reply) {
        return reply != null && reply.isPositiveCompletion();
    }
}
