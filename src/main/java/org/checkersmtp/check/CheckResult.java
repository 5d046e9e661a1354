package org.checkersmtp.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.checkersmtp.observation.ConnectFailure;
import org.checkersmtp.observation.EndReason;
import org.checkersmtp.observation.EndpointProbe;
import org.checkersmtp.observation.RelatedObservation;
import org.checkersmtp.observation.SmtpObservation;
import org.checkersmtp.rules.CheckState;
import org.checkersmtp.rules.Status;

/**
 * A whole check: the observation, the related observations the rules read (our TLS sibling's findings
 * shaped as checker-tls's), and the states of every rule.
 */
public record CheckResult(SmtpObservation observation, Map<String, List<RelatedObservation>> related,
                          List<CheckState> states) {

    public CheckResult {
        related = Map.copyOf(related);
        states = List.copyOf(states);
    }

    /**
     * The verdict a person reads first: the worst state, OK when only OK and INFO were found; UNKNOWN
     * instead of OK when {@link #untested() nothing was tested}.
     */
    public Status verdict() {
        Status worst = Status.verdict(states.stream().map(CheckState::status).toList());
        return worst == Status.OK && untested().isPresent() ? Status.UNKNOWN : worst;
    }

    /**
     * The headline's reason when the domain has addresses but none could be probed ("nothing was tested:
     * every address was refused by the target policy"): then no rule had anything to judge, and a check
     * without findings is no OK. Empty when at least one address was contacted, or there is none.
     */
    public Optional<String> untested() {
        List<EndpointProbe> endpoints = observation.endpoints();
        long policy = endpoints.stream().filter(CheckResult::refusedByPolicy).count();
        long late = endpoints.stream().filter(CheckResult::notAttempted).count();
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

    private static boolean refusedByPolicy(EndpointProbe e) {
        return (e.end() != null && e.end().reason() == EndReason.POLICY_REFUSED)
                || (e.connect() != null && e.connect().failure() == ConnectFailure.POLICY);
    }

    private static boolean notAttempted(EndpointProbe e) {
        return !refusedByPolicy(e) && e.connect() != null && !e.connected()
                && e.connect().failure() == ConnectFailure.NOT_ATTEMPTED;
    }
}
