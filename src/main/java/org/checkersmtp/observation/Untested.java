package org.checkersmtp.observation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether a check tested nothing: the domain has addresses but none could be probed, each refused by the
 * target policy or not attempted before the deadline. Then no rule had anything to judge, and every
 * headline (the CLI's, /check's, the HTML report's) says so instead of reading as a pass.
 */
public final class Untested {

    private Untested() {}

    /**
     * The reason ("nothing was tested: every address was refused by the target policy"); empty when at
     * least one address was contacted, or there is none.
     */
    public static Optional<String> reason(SmtpObservation observation) {
        List<EndpointProbe> endpoints = observation.endpoints();
        long policy = endpoints.stream().filter(Untested::refusedByPolicy).count();
        long late = endpoints.stream().filter(Untested::notAttempted).count();
        if (endpoints.isEmpty() || policy + late < endpoints.size()) {
            return Optional.empty();
        }
        if (late == 0) {
            return Optional.of("nothing was tested: every address was refused by the target policy");
        }
        if (policy == 0) {
            return Optional.of("nothing was tested: the check's deadline came before any address was contacted");
        }
        List<String> why = new ArrayList<>();
        why.add(policy + (policy == 1 ? " address" : " addresses") + " refused by the target policy");
        why.add(late + " not contacted before the check's deadline");
        return Optional.of("nothing was tested: " + String.join(", ", why));
    }

    /** {@link #reason} as a headline's sentence: "Nothing was tested: ….". */
    public static Optional<String> sentence(SmtpObservation observation) {
        return reason(observation).map(r -> Character.toUpperCase(r.charAt(0)) + r.substring(1) + ".");
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
