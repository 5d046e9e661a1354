package org.checkersmtp.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import org.checkersmtp.collect.CollectListener;
import org.checkersmtp.i18n.Catalogue;
import org.checkersmtp.security.ClientAddressResolver;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * The hosted check page (behind the login, SecurityConfiguration): {@code GET /check} the form,
 * {@code POST /check} the check and its result in one answer (no script needed), and
 * {@code POST /check/progress} the same check streamed as server-sent events, which /js/check.js uses
 * to show each address's progress before the result. Both POSTs take the same form, with its CSRF token,
 * and pass the same gates (PageChecks.admit); refusals re-render the form with the values kept. Both store
 * their result for the signed-in user, whose page shows its permalink ({@link ResultController}).
 */
@Controller
public class CheckController {

    static final String FORM = "check";
    static final String PROGRESS = "/check/progress";

    private final PageChecks checks;
    private final CheckStreams streams;
    private final ResultPage results;
    private final ClientAddressResolver clients;
    private final Catalogue catalogue;

    public CheckController(PageChecks checks, CheckStreams streams, ResultPage results, ClientAddressResolver clients,
                           Catalogue catalogue) {
        this.catalogue = catalogue;
        this.checks = checks;
        this.streams = streams;
        this.results = results;
        this.clients = clients;
    }

    @GetMapping("/check")
    public String form(Model model) {
        model.addAttribute("form", CheckForm.blank());
        return FORM;
    }

    @PostMapping("/check")
    public String check(HttpServletRequest request, Authentication user, Model model) {
        CheckForm form = CheckForm.submitted(request.getParameterMap());
        try (PageChecks.Admitted admitted = checks.admit(form, user.getName(), clients.resolve(request))) {
            model.addAllAttributes(results.model(checks.run(admitted.options(), user.getName(), CollectListener.NONE),
                    request.getContextPath(), user.getName(), false, RequestContextUtils.getLocale(request)));
        }
        return ResultPage.TEMPLATE;
    }

    /** Only for a client that reads event streams (what the form's script asks for). */
    @PostMapping(path = PROGRESS, produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public SseEmitter progress(HttpServletRequest request, HttpServletResponse response, Authentication user) {
        CheckForm form = CheckForm.submitted(request.getParameterMap());
        PageChecks.Admitted admitted = checks.admit(form, user.getName(), clients.resolve(request));
        // nginx would otherwise hold the events back until its buffer fills (docs/deployment.md).
        response.setHeader("X-Accel-Buffering", "no");
        return streams.start(form, admitted, user.getName(), request.getContextPath(),
                RequestContextUtils.getLocale(request));
    }

    /** The form again, the values as sent, the reason on top and at the field it is about. */
    @ExceptionHandler(CheckRefused.class)
    public ModelAndView refused(CheckRefused refusal, HttpServletResponse response, Locale language) {
        if (refusal.status() == HttpStatus.SERVICE_UNAVAILABLE) {
            response.setHeader(HttpHeaders.RETRY_AFTER, "60");
        }
        ModelAndView page = new ModelAndView(FORM, refusal.status());
        page.addObject("form", refusal.form());
        page.addObject("error", refusal.message(catalogue, language));
        page.addObject("errorField", refusal.field());
        page.addObject("toProve", refusal.toProve());
        return page;
    }
}
