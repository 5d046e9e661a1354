package org.checkersmtp.rules;

import java.util.List;
import java.util.Set;
import org.checkersmtp.i18n.Text;
import org.checkersmtp.observation.EndpointProbe;
import org.checkersmtp.observation.OptionalProbe;
import org.checkersmtp.observation.SmtpObservation;

/**
 * The skeleton of a rule that judges one optional probe: when the run turned the probe off, one SKIPPED
 * state for the domain; else a verdict per endpoint (the generic states when there is none), which the
 * rule writes in {@link #judge}, 4xx replies there being inconclusive.
 */
abstract class ProbeRule implements Rule {

    private final OptionalProbe probe;
    private final RuleCode skipped;
    private final EndpointRules.Generic generic;
    /** The probe's name in messages ("null-sender"), and what each endpoint's verdict is about. */
    private final Text title;
    private final Text judged;

    ProbeRule(OptionalProbe probe, RuleCode skipped, EndpointRules.Generic generic,
              Text title, Text judged) {
        this.probe = probe;
        this.skipped = skipped;
        this.generic = generic;
        this.title = title;
        this.judged = judged;
    }

    @Override
    public final Set<OptionalProbe> probes() {
        return Set.of(probe);
    }

    @Override
    public final List<CheckState> evaluate(SmtpObservation obs, RuleContext context) {
        // An observation without probe settings predates them: the probe was made.
        if (obs.probe() != null && !obs.probe().made(probe)) {
            return States.of(skipped, "generic.skipped.message", "title", title,
                    "option", probe.option()).subject(obs.domain()).list();
        }
        return EndpointRules.perEndpoint(obs, generic, judged, e -> judge(obs, e));
    }

    /** This rule's verdict on one endpoint's probe. */
    abstract CheckState judge(SmtpObservation obs, EndpointProbe e);
}
