package org.checkersmtp.bench;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.checkersmtp.observation.RelatedObservation;
import org.checkersmtp.observation.SmtpObservation;
import org.checkersmtp.rules.States;
import org.checkersmtp.rules.CheckState;
import org.checkersmtp.rules.Status;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * The HTML report as it was rendered before the performance work of issue 8 (commit 46c5e0f): its
 * template (templates/report-baseline/report.html, a frozen copy) looped over every transcript line and
 * every verdict in SpEL. Kept so that the speed-up is a ratio measured in one run, on one machine.
 */
public final class BaselineHtmlReportRenderer {

    private static final List<Status> FIX_ORDER = List.of(Status.CRIT, Status.ERROR, Status.WARN);

    private final ITemplateEngine templates;

    BaselineHtmlReportRenderer(ITemplateEngine templates) {
        this.templates = templates;
    }

    String render(SmtpObservation observation, List<CheckState> states, Map<String, List<RelatedObservation>> related) {
        List<CheckState> all = states == null ? List.of() : states;
        Comparator<CheckState> severity = Comparator.comparingInt(s -> FIX_ORDER.indexOf(s.status()));
        List<Finding> fixes = all.stream().filter(s -> FIX_ORDER.contains(s.status()))
                .sorted(severity).map(Finding::of).toList();
        List<Finding> notes = all.stream()
                .filter(s -> s.status() == Status.UNKNOWN || s.status() == Status.INFO)
                .map(Finding::of).toList();
        Context context = new Context();
        context.setVariable("obs", observation);
        context.setVariable("fixes", fixes);
        context.setVariable("notes", notes);
        context.setVariable("states", all.stream().map(Finding::of).toList());
        context.setVariable("worst", all.isEmpty() ? "none" : Status.worst(all.stream().map(CheckState::status)
                .toList()).name());
        context.setVariable("tlsRelated", related == null ? 0 : related.getOrDefault("tls_probes", List.of()).size());
        return templates.process("report-baseline/report", context);
    }

    /** The state view of the time, as the frozen template reads it. */
    public record Finding(String status, String rule, String subject, String message, String fix,
                          String reproduce, List<String> evidence, String reference) {

        static Finding of(CheckState s) {
            Object evidence = s.meta().get(States.EVIDENCE);
            List<String> lines = evidence instanceof List<?> l ? l.stream().map(String::valueOf).toList()
                    : evidence == null ? List.of() : List.of(evidence.toString());
            return new Finding(s.status().name(), s.rule(), s.subject(), s.message(), s.metaString(States.FIX),
                    s.metaString(States.REPRODUCE), lines, s.metaString(States.REFERENCE));
        }
    }
}
