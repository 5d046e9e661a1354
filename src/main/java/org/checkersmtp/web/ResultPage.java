package org.checkersmtp.web;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.checkersmtp.cache.ResultCacheProperties;
import org.checkersmtp.check.CheckResult;
import org.checkersmtp.i18n.Catalogue;
import org.checkersmtp.observation.EndReason;
import org.checkersmtp.observation.EndpointProbe;
import org.checkersmtp.observation.Untested;
import org.checkersmtp.ratelimit.RateLimitedPage;
import org.checkersmtp.report.HtmlReportRenderer;
import org.checkersmtp.report.Times;
import org.checkersmtp.results.Changes;
import org.checkersmtp.results.Results;
import org.checkersmtp.results.StoredResult;
import org.checkersmtp.rules.CheckState;
import org.checkersmtp.rules.Status;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * The result of a check as the page shows it (templates/check-result.html, fragment "result"): the
 * overall verdict on top, what stopped the check or kept it from contacting anything, the age of a
 * cached result, then the report people read (the same as POST /report), in a sandboxed frame. A stored
 * result adds its permalink (dated), what changed since the owner's previous result of the same check
 * (first, under the title) and a link to that result; opened from its permalink, the owner's actions.
 * The plain POST renders it inside the page; the streamed check sends the fragment alone, so every link
 * of the fragment comes from the model (no request to resolve {@code @{…}} against).
 */
@Component
public class ResultPage {

    static final String TEMPLATE = "check-result";
    static final String FRAGMENT = "result";

    private final HtmlReportRenderer reports;
    private final ITemplateEngine templates;
    private final Duration cacheLifetime;
    private final Results stored;
    private final Catalogue catalogue;

    public ResultPage(HtmlReportRenderer reports, ITemplateEngine templates, ResultCacheProperties cache,
                      Results stored, Catalogue catalogue) {
        this.catalogue = catalogue;
        this.reports = reports;
        this.templates = templates;
        this.cacheLifetime = cache.resultCache();
        this.stored = stored;
    }

    /**
     * The template's variables.
     *
     * @param contextPath the application's path, for every link (the form's, the permalinks)
     * @param viewer      who reads the page (null: not signed in), for the owner's actions on a permalink
     * @param actions     whether to offer the owner's actions (forms, which need the request's CSRF token)
     * @param language    the page's language, for the verdict, the report (its words and the states' messages and fixes) and the times
     */
    Map<String, Object> model(CheckOutcome outcome, String contextPath, String viewer, boolean actions,
                              Locale language) {
        Map<String, Object> model = new HashMap<>();
        model.put("domain", outcome.domain());
        model.put("checkUrl", contextPath + "/check");
        model.put("collectFailure", outcome.collectFailure());
        model.put("notStored", outcome.notStored() == null ? null : outcome.notStored().in(catalogue, language));
        if (outcome.stored() != null) {
            permalink(model, outcome.stored(), contextPath, viewer, actions, language);
        }
        CheckResult result = outcome.result();
        if (result == null) {
            return model;
        }
        Status verdict = result.verdict();
        long toFix = result.states().stream().map(CheckState::status).filter(Status::needsFixing).count();
        model.put("verdict", verdict.name());
        String findings = verdictText(verdict, toFix, language);
        model.put("verdictText", Untested.sentence(result.observation()).map(t -> t.in(catalogue, language))
                .map(untested -> verdict == Status.UNKNOWN ? untested : findings + " " + untested).orElse(findings));
        model.put("policyNotice", policyNotice(result.observation().endpoints(), language));
        if (outcome.cachedAge() != null) {
            model.put("cachedAge", RateLimitedPage.readable(Math.max(1, outcome.cachedAge().toSeconds()))
                    .in(catalogue, language));
            model.put("cacheLifetime", RateLimitedPage.readable(cacheLifetime.toSeconds()).in(catalogue, language));
        }
        model.put("checkedAt", Times.text(result.observation().runAt(), language));
        model.put("checkedAtExact", Times.rfc3339(result.observation().runAt()));
        model.put("reportHtml", reports.render(result.observation(),
                result.states().stream().map(s -> s.in(catalogue, language)).toList(), language));
        return model;
    }

    private void permalink(Map<String, Object> model, StoredResult result, String contextPath, String viewer,
                           boolean actions, Locale language) {
        model.put("resultId", result.id());
        model.put("permalink", contextPath + "/r/" + result.id());
        model.put("public", result.isPublic());
        boolean owner = result.owner().equals(viewer);
        model.put("ownerActions", actions && owner);
        if (!owner) {
            return;
        }
        model.put("historyUrl", contextPath + "/r");
        stored.previous(result).ifPresent(previous -> {
            model.put("previousUrl", contextPath + "/r/" + previous.id());
            model.put("previousAt", Times.text(previous.created(), language));
            model.put("previousAtExact", Times.rfc3339(previous.created()));
            model.put("changes", Changes.between(previous, result).stream().map(c -> c.in(catalogue, language))
                    .toList());
        });
    }

    /** The fragment alone, for the streamed check (no request: links come from the model). */
    String fragment(Map<String, Object> model, Locale language) {
        Context context = new Context(language);
        context.setVariables(model);
        return templates.process(TEMPLATE, Set.of(FRAGMENT), context);
    }

    private String verdictText(Status verdict, long toFix, Locale language) {
        return switch (verdict) {
            case OK -> catalogue.text("page.result.verdict.ok", language);
            case UNKNOWN -> catalogue.text("page.result.verdict.unknown", language);
            default -> toFix == 1 ? catalogue.text("page.result.verdict.one", language)
                    : catalogue.text("page.result.verdict.many", Map.of("count", String.valueOf(toFix)), language);
        };
    }

    /**
     * Said plainly when the target policy kept the check from contacting the domain's servers: their
     * addresses are private or reserved, which a hostile domain can publish to turn the checker on its
     * own network.
     */
    String policyNotice(List<EndpointProbe> endpoints, Locale language) {
        List<String> refused = endpoints.stream().filter(e -> e.end() != null
                && e.end().reason() == EndReason.POLICY_REFUSED).map(EndpointProbe::address).toList();
        if (refused.isEmpty()) {
            return null;
        }
        String which = String.join(", ", refused);
        if (refused.size() == endpoints.size()) {
            return catalogue.text("page.result.policy.all", Map.of("addresses", which), language);
        }
        return catalogue.text("page.result.policy.some", Map.of("refused", String.valueOf(refused.size()),
                "count", String.valueOf(endpoints.size()), "addresses", which), language);
    }
}
