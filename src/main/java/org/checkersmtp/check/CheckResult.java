package org.checkersmtp.check;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.checkersmtp.observation.RelatedObservation;
import org.checkersmtp.observation.SmtpObservation;
import org.checkersmtp.i18n.Text;
import org.checkersmtp.observation.Untested;
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

    /** Why nothing was tested, when the domain has addresses but none could be probed ({@link Untested}). */
    public Optional<Text> untested() {
        return Untested.reason(observation);
    }
}
