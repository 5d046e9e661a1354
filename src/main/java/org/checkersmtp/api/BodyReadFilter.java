package org.checkersmtp.api;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads the body of a work request without holding a server thread: Tomcat calls back as bytes
 * arrive, and only a complete body (or its first 1 MiB, or the reason it did not come) is handed to
 * the controllers, on an async dispatch. Hundreds of clients trickling bodies then cost connections,
 * not threads, and {@code /health} keeps answering. A body that has not arrived within
 * {@code checker.http.body-read-timeout} is an invalid body.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class BodyReadFilter extends OncePerRequestFilter {

    static final String STARTED = BodyReadFilter.class.getName() + ".started";
    private static final String BODY = BodyReadFilter.class.getName() + ".body";
    private static final String FAILURE = BodyReadFilter.class.getName() + ".failure";

    private final Duration timeout;

    public BodyReadFilter(@Value("${checker.http.body-read-timeout:15s}") Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !WorkTrackingFilter.isWork(request) || request.getContentLengthLong() == 0
                || FORM_ROUTE.equals(request.getRequestURI());
    }

    /**
     * The /check form is read by the servlet container as parameters (the buffered body offers none),
     * and its CSRF token must be checked on the first dispatch, which Spring Security's CSRF filter
     * does not repeat on an async one.
     */
    private static final String FORM_ROUTE = "/check";

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (isAsyncDispatch(request)) {
            chain.doFilter(new BufferedBody(request, (byte[]) request.getAttribute(BODY),
                    (String) request.getAttribute(FAILURE)), response);
            return;
        }
        request.setAttribute(STARTED, System.nanoTime());
        AsyncContext async = request.startAsync();
        async.setTimeout(timeout.toMillis());
        ServletInputStream in = request.getInputStream();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        Reader reader = new Reader(async, in, body);
        async.addListener(reader);
        in.setReadListener(reader);
    }

    /** Collects the body as Tomcat offers it, then dispatches once: complete, cut at 1 MiB, failed or late. */
    private final class Reader implements ReadListener, AsyncListener {
        private final AsyncContext async;
        private final ServletInputStream in;
        private final ByteArrayOutputStream body;
        private boolean dispatched;

        Reader(AsyncContext async, ServletInputStream in, ByteArrayOutputStream body) {
            this.async = async;
            this.in = in;
            this.body = body;
        }

        @Override
        public void onDataAvailable() throws IOException {
            byte[] chunk = new byte[16 * 1024];
            while (!dispatched && in.isReady() && !in.isFinished()) {
                int n = in.read(chunk);
                if (n < 0) {
                    break;
                }
                int room = RequestBodies.MAX_BODY_BYTES - body.size();
                body.write(chunk, 0, Math.min(n, room));
                if (n >= room) {
                    dispatch(null); // the SDK reads 1 MiB and no more: the rest is never looked at
                }
            }
        }

        @Override
        public void onAllDataRead() {
            dispatch(null);
        }

        @Override
        public void onError(Throwable t) {
            dispatch("the body could not be read (" + JsonProblems.words(t.getMessage()) + ")");
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            dispatch("the body did not arrive within " + timeout.toSeconds() + " s");
        }

        @Override
        public void onComplete(AsyncEvent event) {
            // Nothing held.
        }

        @Override
        public void onError(AsyncEvent event) {
            onError(event.getThrowable());
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            // Not restarted.
        }

        private synchronized void dispatch(String failure) {
            if (dispatched) {
                return;
            }
            dispatched = true;
            async.getRequest().setAttribute(BODY, body.toByteArray());
            if (failure != null) {
                async.getRequest().setAttribute(FAILURE, failure);
            }
            async.dispatch();
        }
    }

    /** The request as the controllers see it: its body already in memory, or the reason it is not. */
    private static final class BufferedBody extends HttpServletRequestWrapper {
        private final byte[] body;
        private final String failure;

        BufferedBody(HttpServletRequest request, byte[] body, String failure) {
            super(request);
            this.body = body == null ? new byte[0] : body;
            this.failure = failure;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (failure != null) {
                throw new IOException(failure);
            }
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new IllegalStateException("the body is already read");
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }
            };
        }
    }
}
