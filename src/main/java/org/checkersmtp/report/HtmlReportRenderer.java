package org.checkersmtp.report;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.checkersmtp.i18n.Catalogue;
import org.checkersmtp.observation.SmtpObservation;
import org.checkersmtp.observation.Untested;
import org.checkersmtp.observation.VisibleText;
import org.checkersmtp.rules.CheckState;
import org.checkersmtp.rules.OpenRelayRule;
import org.checkersmtp.rules.Reproduce;
import org.checkersmtp.rules.RuleCode;
import org.checkersmtp.rules.RuleEvaluator;
import org.checkersmtp.rules.Status;
import org.checkersmtp.rules.WhatToFix;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * The self-contained HTML report (no external CSS, script or font): "What to fix" first, from the
 * states the rules produced, then the facts of every endpoint with its verbatim transcript. Open relays
 * lead "What to fix" and carry a badge on their endpoint: they hurt third parties within hours. Its words,
 * times and numbers are in the reader's language (report.* of the catalogue; {@code <html lang>} says which).
 */
@Component
public class HtmlReportRenderer {

    private final ITemplateEngine templates;
    private final List<RuleCode> codes;

    /** @param evaluator the rules whose states it renders: their declared codes order "What to fix" */
    public HtmlReportRenderer(ITemplateEngine templates, RuleEvaluator evaluator) {
        this.templates = templates;
        this.codes = evaluator.codes();
    }

    /** In English, the machine API's language. */
    public String render(SmtpObservation observation, List<CheckState> states) {
        return render(observation, states, Locale.ENGLISH);
    }

    /**
     * In {@code language} (English when the catalogue lacks it): the report's own words; the states are
     * rendered as given, so the caller says them in the same language ({@code CheckState.in}).
     */
    public String render(SmtpObservation observation, List<CheckState> states, Locale language) {
        Words words = Words.in(language);
        ReportSections sections = ReportSections.in(words.language());
        List<CheckState> all = states == null ? List.of() : states;
        List<CheckState> fixes = WhatToFix.of(all, codes);
        Set<String> openRelays = all.stream().filter(OpenRelayRule::findsOpenRelay).map(CheckState::subject)
                .filter(Objects::nonNull).collect(Collectors.toSet());
        List<CheckState> notes = all.stream()
                .filter(s -> s.status() == Status.UNKNOWN || s.status() == Status.INFO).toList();
        Context context = new Context(words.language());
        context.setVariable("words", words);
        context.setVariable("obs", observation);
        context.setVariable("untested", Untested.sentence(observation).map(t -> t.in(Catalogue.classpath(), words.language())).orElse(null));
        context.setVariable("endpointsHtml", sections.endpoints(observation.endpoints(), openRelays));
        context.setVariable("fixesHtml", sections.fixes(fixes));
        context.setVariable("notesHtml", sections.notes(notes));
        context.setVariable("verdictRows", sections.verdictRows(all));
        // The posture block's commands are the rules' commands: one place builds (and quotes) them.
        context.setVariable("commands", Reproduce.class);
        context.setVariable("times", Times.class);
        // What a server sent (a certificate's names, an MTA-STS policy, an error) shown as Html.text shows it.
        context.setVariable("visible", VisibleText.class);
        context.setVariable("verdict", all.isEmpty() ? "none" : Status.verdict(all.stream().map(CheckState::status)
                .toList()).name());
        return templates.process("report/report", context);
    }
}
