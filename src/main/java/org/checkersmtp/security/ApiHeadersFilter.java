package org.checkersmtp.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The machine API's security headers. Not Spring Security's header filter: work requests reach the
 * chain first on the async dispatch that follows the body read (api.BodyReadFilter), where that filter
 * does not run, and the HTML report needs its own policy. Headers are set before anything is written.
 */
public class ApiHeadersFilter extends OncePerRequestFilter {

    /** The HTML report: its own inline style block and nothing else; framing per checker.security.frame-ancestors. */
    static final String REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
            + "base-uri 'none'; form-action 'none'; frame-ancestors ";

    /** JSON and text answers: nothing to load, nothing to frame. */
    static final String API_CSP = "default-src 'none'; frame-ancestors 'none'";

    private final RequestMatcher report;
    private final String reportPolicy;

    ApiHeadersFilter(RequestMatcher report, List<String> frameAncestors) {
        this.report = report;
        this.reportPolicy = REPORT_CSP + String.join(" ", frameAncestors);
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (report.matches(request)) {
            response.setHeader("X-Content-Type-Options", "nosniff");
            response.setHeader("Content-Security-Policy", reportPolicy);
        } else {
            setApiHeaders(response);
        }
        chain.doFilter(request, response);
    }

    /** The headers of a JSON or text answer; also written by api.ContainerErrorValve for Tomcat's refusals. */
    public static void setApiHeaders(HttpServletResponse response) {
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Content-Security-Policy", API_CSP);
        response.setHeader("X-Frame-Options", "DENY");
    }
}
