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
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * One log line per request, as the SDK writes it: {@code METHOD path status duration}. The body is
 * held back until the line is written and the work counters are settled, as with Go's net/http, where
 * a handler has returned before the client sees the end of its response — except for a client that asks
 * for an event stream ({@code Accept: text/event-stream}, the /check page's progress): a stream is sent
 * as it is written, and holding it back would hold it all.
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
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        boolean stream = accept != null && accept.contains(MediaType.TEXT_EVENT_STREAM_VALUE);
        HttpServletResponse out = stream ? response : new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(request, out);
        } finally {
            log.info("{} {} {} {}", request.getMethod(), request.getRequestURI(), out.getStatus(),
                    GoDurations.format(Duration.ofNanos(System.nanoTime() - start)));
            if (out instanceof ContentCachingResponseWrapper held) {
                held.copyBodyToResponse();
            }
        }
    }
}
