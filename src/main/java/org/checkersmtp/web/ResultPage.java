package org.checkersmtp.web;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.checkersmtp.cache.ResultCacheProperties;
import org.checkersmtp.check.CheckResult;
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

    public ResultPage(HtmlReportRenderer reports, ITemplateEngine templates, ResultCacheProperties cache,
                      Results stored) {
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
     */
    Map<String, Object> model(CheckOutcome outcome, String contextPath, String viewer, boolean actions) {
        Map<String, Object> model = new HashMap<>();
        model.put("domain", outcome.domain());
        model.put("checkUrl", contextPath + "/check");
        model.put("collectFailure", outcome.collectFailure());
        model.put("notStored", outcome.notStored());
        if (outcome.stored() != null) {
            permalink(model, outcome.stored(), contextPath, viewer, actions);
        }
        CheckResult result = outcome.result();
        if (result == null) {
            return model;
        }
        Status verdict = result.verdict();
        long toFix = result.states().stream().map(CheckState::status).filter(Status::needsFixing).count();
        model.put("verdict", verdict.name());
        String findings = verdictText(verdict, toFix);
        model.put("verdictText", Untested.sentence(result.observation())
                .map(untested -> verdict == Status.UNKNOWN ? untested : findings + " " + untested).orElse(findings));
        model.put("policyNotice", policyNotice(result.observation().endpoints()));
        if (outcome.cachedAge() != null) {
            model.put("cachedAge", RateLimitedPage.readable(Math.max(1, outcome.cachedAge().toSeconds())));
            model.put("cacheLifetime", RateLimitedPage.readable(cacheLifetime.toSeconds()));
        }
        model.put("checkedAt", Times.text(result.observation().runAt()));
        model.put("checkedAtExact", Times.rfc3339(result.observation().runAt()));
        model.put("reportHtml", reports.render(result.observation(), result.states()));
        return model;
    }

    private void permalink(Map<String, Object> model, StoredResult result, String contextPath, String viewer,
                           boolean actions) {
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
            model.put("previousAt", Times.text(previous.created()));
            model.put("previousAtExact", Times.rfc3339(previous.created()));
            model.put("changes", Changes.between(previous, result));
        });
    }

    /** The fragment alone, for the streamed check (no request: links come from the model). */
    String fragment(Map<String, Object> model) {
        Context context = new Context();
        context.setVariables(model);
        return templates.process(TEMPLATE, Set.of(FRAGMENT), context);
    }

    private static String verdictText(Status verdict, long toFix) {
        return switch (verdict) {
            case OK -> "Nothing to fix: every test passed.";
            case UNKNOWN -> "Nothing could be tested.";
            default -> toFix == 1 ? "1 finding to fix, listed first in the report below."
                    : toFix + " findings to fix, listed first in the report below.";
        };
    }

    /**
     * Said plainly when the target policy kept the check from contacting the domain's servers: their
     * addresses are private or reserved, which a hostile domain can publish to turn the checker on its
     * own network.
     */
    static String policyNotice(List<EndpointProbe> endpoints) {
        List<String> refused = endpoints.stream().filter(e -> e.end() != null
                && e.end().reason() == EndReason.POLICY_REFUSED).map(EndpointProbe::address).toList();
        if (refused.isEmpty()) {
            return null;
        }
        String which = String.join(", ", refused);
        if (refused.size() == endpoints.size()) {
            return "Refused by policy: every address of this domain's mail servers (" + which + ") is private, "
                    + "loopback or reserved, so none was contacted. This service only probes public addresses.";
        }
        return "Refused by policy: " + refused.size() + " of " + endpoints.size() + " addresses (" + which
                + ") are private, loopback or reserved and were not contacted; the others were.";
    }
}
