package org.checkersmtp.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/** Counts the SDK's work requests (POST on the work routes); /health and GET routes are not work. */
@Component
public class WorkTrackingFilter extends OncePerRequestFilter {

    static final Set<String> WORK_ROUTES = Set.of("/collect", "/definition", "/evaluate", "/report", "/check");

    private final WorkTracker tracker;

    public WorkTrackingFilter(WorkTracker tracker) {
        this.tracker = tracker;
    }

    static boolean isWork(HttpServletRequest request) {
        return "POST".equals(request.getMethod()) && WORK_ROUTES.contains(request.getRequestURI());
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !isWork(request);
    }

    /** Work requests reach the controllers on an async dispatch, once {@link BodyReadFilter} has the body. */
    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        tracker.begin();
        try {
            chain.doFilter(request, response);
        } finally {
            tracker.end();
        }
    }
}
