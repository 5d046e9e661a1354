package org.checkersmtp.observation;

import java.util.List;
import java.util.Optional;
import org.checkersmtp.i18n.Text;

/**
 * Whether a check tested nothing: the domain has addresses but none could be probed, each refused by the
 * target policy or not attempted before the deadline. Then no rule had anything to judge, and every
 * headline (the CLI's, /check's, the HTML report's) says so instead of reading as a pass, in its reader's
 * language.
 */
public final class Untested {

    private Untested() {}

    /**
     * The reason ("nothing was tested: every address was refused by the target policy"); empty when at
     * least one address was contacted, or there is none.
     */
    public static Optional<Text> reason(SmtpObservation observation) {
        return why(observation).map(why -> Text.of("untested.reason", "why", why));
    }

    /** {@link #reason} as a headline's sentence: "Nothing was tested: ….". */
    public static Optional<Text> sentence(SmtpObservation observation) {
        return why(observation).map(why -> Text.of("untested.sentence", "why", why));
    }

    private static Optional<Text> why(SmtpObservation observation) {
        List<EndpointProbe> endpoints = observation.endpoints();
        long policy = endpoints.stream().filter(Untested::refusedByPolicy).count();
        long late = endpoints.stream().filter(Untested::notAttempted).count();
        if (endpoints.isEmpty() || policy + late < endpoints.size()) {
            return Optional.empty();
        }
        if (late == 0) {
            return Optional.of(Text.of("untested.why.policy"));
        }
        if (policy == 0) {
            return Optional.of(Text.of("untested.why.deadline"));
        }
        return Optional.of(Text.of("untested.why.both",
                "refused", policy == 1 ? Text.of("untested.refused.one") : Text.of("untested.refused", "count", policy),
                "late", Text.of("untested.late", "count", late)));
    }

    private static boolean refusedByPolicy(EndpointProbe e) {
        return (e.end() != null && e.end().reason() == EndReason.POLICY_REFUSED)
                || (e.connect() != null && e.connect().failure() == ConnectFailure.POLICY);
    }

    private static boolean notAttempted(EndpointProbe e) {
        return !refusedByPolicy(e) && e.connect() != null && !e.connected()
                && e.connect().failure() == ConnectFailure.NOT_ATTEMPTED;
    }
}
