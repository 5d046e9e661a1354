package org.checkersmtp.rules;

import java.util.List;
import java.util.Locale;
import org.checkersmtp.i18n.Text;
import org.checkersmtp.observation.EndReason;
import org.checkersmtp.observation.EndpointProbe;
import org.checkersmtp.observation.Reply;
import org.checkersmtp.observation.SmtpObservation;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Every reachable endpoint greets with 220. */
@Component
@Order(50)
public class BannerSanityRule implements Rule {

    static final RuleCode OK = new RuleCode("smtp.banner_sanity.ok", Status.OK);
    static final RuleCode REFUSED = new RuleCode("smtp.banner_sanity.refused", Status.CRIT);
    static final RuleCode TEMPORARY = new RuleCode("smtp.banner_sanity.temporary", Status.WARN);
    static final RuleCode INVALID = new RuleCode("smtp.banner_sanity.invalid", Status.CRIT);
    static final RuleCode SILENT = new RuleCode("smtp.banner_sanity.silent", Status.CRIT);
    private static final EndpointRules.Generic GENERIC = EndpointRules.Generic.of("smtp.banner_sanity");

    @Override
    public String name() {
        return "smtp.banner_sanity";
    }

    @Override
    public List<RuleCode> codes() {
        return GENERIC.with(OK, REFUSED, TEMPORARY, INVALID, SILENT);
    }

    @Override
    public List<CheckState> evaluate(SmtpObservation obs, RuleContext context) {
        return EndpointRules.perEndpoint(obs, GENERIC, Text.of("what.greeting"), e -> judge(obs, e));
    }

    private CheckState judge(SmtpObservation obs, EndpointProbe e) {
        String nc = Reproduce.nc(e);
        if (!e.connected()) {
            return EndpointRules.untested(e, GENERIC, Text.of("what.the_greeting"));
        }
        Reply greeting = e.greeting() == null ? null : e.greeting().reply();
        if (greeting == null) {
            EndReason reason = e.end() == null ? null : e.end().reason();
            if (reason == EndReason.DEADLINE) {
                return States.of(SILENT, "smtp.banner_sanity.silent.message", "endpoint", e.label(),
                        "timeout", seconds(obs, e))
                        .subject(e.subject()).evidence(EndpointRules.evidence(e)).reproduce(nc)
                        .reference("RFC 5321 §4.5.3.2").build();
            }
            if (reason == EndReason.PROTOCOL_ERROR || reason == EndReason.LIMIT_LINE_LENGTH
                    || reason == EndReason.LIMIT_REPLY_LINES || reason == EndReason.LIMIT_SESSION_BYTES) {
                return States.of(INVALID, "smtp.banner_sanity.invalid.message", "endpoint", e.label(),
                        "detail", e.end().detail())
                        .subject(e.subject()).evidence(EndpointRules.evidence(e)).reproduce(nc).build();
            }
            return EndpointRules.untested(e, GENERIC, Text.of("what.the_greeting"));
        }
        if (greeting.isServiceReady()) {
            long pause = e.greeting().finalLineMs();
            Object slow = pause >= 5000 ? Text.of("clause.greet_pause", "pause", pause) : "";
            return States.of(OK, "smtp.banner_sanity.ok.message", "endpoint", e.label(),
                    "greetingReply", greeting.summary(), "slow", slow)
                    .subject(e.subject()).build();
        }
        if (greeting.transientFailure()) {
            return States.of(TEMPORARY, "smtp.banner_sanity.temporary.message", "endpoint", e.label(),
                    "greetingReply", greeting.summary())
                    .subject(e.subject()).evidence(greeting.summary()).reproduce(nc).build();
        }
        if (greeting.permanentFailure()) {
            return States.of(REFUSED, "smtp.banner_sanity.refused.message", "endpoint", e.label(),
                    "greetingReply", greeting.summary())
                    .subject(e.subject()).evidence(greeting.summary()).reproduce(nc).reference("RFC 5321 §3.1")
                    .build();
        }
        return States.of(INVALID, "smtp.banner_sanity.invalid.message.2", "endpoint", e.label(),
                "greetingReply", greeting.summary())
                .subject(e.subject()).evidence(greeting.summary()).reproduce(nc).build();
    }

    /** How long the checker waited: the run's timeout (the session's own duration when settings are absent). */
    private static String seconds(SmtpObservation obs, EndpointProbe e) {
        long ms = obs.probe() == null ? e.durationMs()
                : obs.probe().effectiveTimeoutMs() > 0 ? obs.probe().effectiveTimeoutMs() // absent before it existed
                : obs.probe().timeoutMs();
        return ms % 1000 == 0 ? ms / 1000 + " s" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }
}
