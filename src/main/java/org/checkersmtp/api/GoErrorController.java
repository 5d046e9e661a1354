package org.checkersmtp.api;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.checkersmtp.json.GoJson;
import org.checkersmtp.security.SecurityConfiguration;
import org.springframework.http.HttpHeaders;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.http.server.PathContainer;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Replaces Spring Boot's error page. Asked for directly, {@code /error} is a path like any other that
 * the SDK does not have: 404. Reached by the container's error dispatch (a failure outside the
 * controllers), it answers the status with a short JSON error and no detail. A browser's request for a
 * page path gets the page {@code page-error} instead, here and from {@link GoStyleErrors}. Requests
 * Tomcat refuses before any dispatch get the same answer from ContainerErrorValve.
 */
@Controller
public class GoErrorController implements ErrorController {

    private static final List<PathPattern> PAGES = Arrays.stream(SecurityConfiguration.PAGES)
            .map(PathPatternParser.defaultInstance::parse).toList();

    /** An error answer: its Content-Type and body. */
    public record Answer(String contentType, byte[] body) {
    }

    /** What an error status answers: 404 (or no status) as Go's mux does, any other its reason in JSON. */
    public static Answer answer(HttpStatus status) {
        if (status == null || status == HttpStatus.NOT_FOUND) {
            return new Answer("text/plain; charset=utf-8", "404 page not found\n".getBytes(StandardCharsets.UTF_8));
        }
        return new Answer(MediaType.APPLICATION_JSON_VALUE,
                GoJson.encode(new WireTypes.ErrorResponse(status.getReasonPhrase().toLowerCase(Locale.ROOT))));
    }

    @RequestMapping("/error")
    public Object error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer i ? HttpStatus.resolve(i) : null;
        Optional<ModelAndView> page = page(request, request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI), status);
        if (page.isPresent()) {
            return page.get();
        }
        Answer answer = answer(status);
        return ResponseEntity.status(status == null ? HttpStatus.NOT_FOUND : status)
                .contentType(MediaType.parseMediaType(answer.contentType()))
                .header("X-Content-Type-Options", "nosniff")
                .body(answer.body());
    }

    /**
     * The page {@code page-error} (status and reason, in the pages' frame) when a browser asked for a page
     * path (the pages chain's, {@code /error} itself aside) and it failed; empty for anyone else.
     */
    static Optional<ModelAndView> page(HttpServletRequest request, Object uri, HttpStatusCode code) {
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        HttpStatus status = code == null ? null : HttpStatus.resolve(code.value());
        if (status == null || !(uri instanceof String requested) || accept == null
                || !accept.contains(MediaType.TEXT_HTML_VALUE)) {
            return Optional.empty();
        }
        PathContainer path = PathContainer.parsePath(requested.substring(request.getContextPath().length()));
        if ("/error".equals(path.value()) || PAGES.stream().noneMatch(p -> p.matches(path))) {
            return Optional.empty();
        }
        ModelAndView page = new ModelAndView("page-error", status);
        page.addObject("notFound", status == HttpStatus.NOT_FOUND);
        page.addObject("status", status.value());
        page.addObject("reason", status.getReasonPhrase());
        return Optional.of(page);
    }
}
