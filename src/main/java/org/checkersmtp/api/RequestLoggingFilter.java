package org.checkersmtp.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * One log line per request, as the SDK writes it: {@code METHOD path status duration}. The body is
 * held back until the line is written and the work counters are settled, as with Go's net/http, where
 * a handler has returned before the client sees the end of its response.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class RequestLoggingFilter extends OncePerRequestFilter {

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }

    private static final Logger log = LoggerFactory.getLogger("org.checkersmtp.access");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        // A work request is logged on its async dispatch, timed from its arrival (see BodyReadFilter).
        long start = request.getAttribute(BodyReadFilter.STARTED) instanceof Long started ? started : System.nanoTime();
        ContentCachingResponseWrapper held = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(request, held);
        } finally {
            log.info("{} {} {} {}", request.getMethod(), request.getRequestURI(), held.getStatus(),
                    GoDurations.format(Duration.ofNanos(System.nanoTime() - start)));
            held.copyBodyToResponse();
        }
    }
}
