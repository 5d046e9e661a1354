package org.checkersmtp.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import org.checkersmtp.cli.CheckCommand;
import org.checkersmtp.json.GoJson;
import org.checkersmtp.results.HistoryPage;
import org.checkersmtp.report.Times;
import org.checkersmtp.results.ResultSummary;
import org.checkersmtp.results.Results;
import org.checkersmtp.results.StoredResult;
import org.checkersmtp.results.UnreadableResultException;
import org.checkersmtp.results.Visibility;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * Stored results: {@code GET /r/{id}} the result page again (its JSON with {@code Accept: application/json}
 * or at {@code /r/{id}.json}, the shape of {@code check --json}), the owner's actions (POST with the CSRF
 * token: public, private, delete) and {@code GET /r}, the signed-in user's history. Readable without
 * signing in when public, so SecurityConfiguration lets /r/** through and the rules are {@link Results}':
 * whatever a viewer may not read answers the one {@link #MISSING} page. Reading costs no rate-limit token.
 */
@Controller
public class ResultController {

    private static final Logger log = LoggerFactory.getLogger(ResultController.class);

    static final String MISSING = "result-missing";
    static final String UNREADABLE = "result-unreadable";
    static final String HISTORY = "history";
    static final int PAGE_SIZE = 20;

    private final Results results;
    private final ResultPage page;

    public ResultController(Results results, ResultPage page) {
        this.results = results;
        this.page = page;
    }

    /** The page; the JSON instead for a client whose first choice is {@code application/json}. */
    @GetMapping("/r/{id}")
    public Object result(@PathVariable String id, @RequestHeader(name = HttpHeaders.ACCEPT, required = false)
                         String accept, Authentication viewer, HttpServletRequest request) {
        if (wantsJson(accept)) {
            return json(id, viewer);
        }
        Optional<StoredResult> found = results.read(id, name(viewer));
        if (found.isEmpty()) {
            return missing();
        }
        ModelAndView view = new ModelAndView(ResultPage.TEMPLATE);
        view.addAllObjects(page.model(CheckOutcome.of(found.get()), request.getContextPath(), name(viewer), true,
                RequestContextUtils.getLocale(request)));
        return view;
    }

    /** The observation and its states; the same access as the page, a JSON 404 for whatever it would not show. */
    @GetMapping("/r/{id}.json")
    public ResponseEntity<byte[]> json(@PathVariable String id, Authentication viewer) {
        return results.read(id, name(viewer))
                .map(r -> ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                        .body(GoJson.encode(CheckCommand.JsonReport.of(r.result()))))
                .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.APPLICATION_JSON)
                        .body(GoJson.encode(Map.of("error", "no such result"))));
    }

    private static boolean wantsJson(String accept) {
        if (accept == null || accept.isBlank()) {
            return false;
        }
        try {
            List<MediaType> types = MediaType.parseMediaTypes(accept);
            MediaType first = types.stream().sorted(Comparator.comparingDouble(MediaType::getQualityValue).reversed())
                    .findFirst().orElse(MediaType.ALL);
            return !first.isWildcardType() && first.isCompatibleWith(MediaType.APPLICATION_JSON);
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    @PostMapping("/r/{id}/public")
    public ModelAndView makePublic(@PathVariable String id, Authentication owner) {
        return visibility(id, owner, Visibility.PUBLIC);
    }

    @PostMapping("/r/{id}/private")
    public ModelAndView makePrivate(@PathVariable String id, Authentication owner) {
        return visibility(id, owner, Visibility.PRIVATE);
    }

    private ModelAndView visibility(String id, Authentication owner, Visibility visibility) {
        if (owner == null || !results.setVisibility(id, owner.getName(), visibility)) {
            return missing();
        }
        return new ModelAndView("redirect:/r/" + id);
    }

    @PostMapping("/r/{id}/delete")
    public ModelAndView delete(@PathVariable String id, Authentication owner) {
        if (owner == null || !results.delete(id, owner.getName())) {
            return missing();
        }
        return new ModelAndView("redirect:/r?deleted");
    }

    /** "My checks": newest first, {@link #PAGE_SIZE} a page, only one domain's when asked. */
    @GetMapping("/r")
    public ModelAndView history(Authentication user, @RequestParam(defaultValue = "0") int page,
                                @RequestParam(defaultValue = "") String domain,
                                @RequestParam(required = false) String deleted, Locale language) {
        if (user == null) {
            return new ModelAndView("redirect:/login");
        }
        HistoryPage history = results.history(user.getName(), domain, page, PAGE_SIZE);
        ModelAndView view = new ModelAndView(HISTORY);
        view.addObject("history", history);
        view.addObject("rows", history.results().stream().map(r -> HistoryRow.of(r, language)).toList());
        view.addObject("domain", domain.trim());
        view.addObject("deleted", deleted != null);
        return view;
    }

    /** Unknown, malformed, expired or someone else's private result: one page, one status, nothing else. */
    private static ModelAndView missing() {
        return new ModelAndView(MISSING, HttpStatus.NOT_FOUND);
    }

    /** A damaged stored value: said plainly, without a trace. */
    @ExceptionHandler(UnreadableResultException.class)
    public ModelAndView unreadable(UnreadableResultException e) {
        log.error("{}", e.getMessage());
        return new ModelAndView(UNREADABLE, HttpStatus.INTERNAL_SERVER_ERROR);
    }

    /** One line of the history, its dates written as on the result page. */
    record HistoryRow(String id, String domain, String verdict, String shared, String checkedAt,
                      String checkedAtExact) {

        static HistoryRow of(ResultSummary summary, Locale language) {
            return new HistoryRow(summary.id(), summary.domain(), summary.verdict().name(),
                    summary.visibility() == Visibility.PUBLIC ? "public" : "private", Times.text(summary.created(), language),
                    Times.rfc3339(summary.created()));
        }
    }

    private static String name(Authentication viewer) {
        return viewer == null ? null : viewer.getName();
    }
}
