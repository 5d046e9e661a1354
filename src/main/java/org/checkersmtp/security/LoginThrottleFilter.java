package org.checkersmtp.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.checkersmtp.i18n.Catalogue;
import org.checkersmtp.ratelimit.LoginThrottle;
import org.checkersmtp.ratelimit.RateLimitDecision;
import org.checkersmtp.ratelimit.RateLimitedPage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.ViewResolver;

/**
 * Sign-in attempts from an address that has used its failed sign-ins ({@link LoginThrottle}) are not tried:
 * before Spring Security ever compares the password, the answer is 429 with {@code Retry-After} and the
 * sign-in page saying when to try again (rendered here: a forward would lose the body the access log holds
 * back). {@link #countingFailures()} is the form login's failure handler, which counts each failure.
 */
final class LoginThrottleFilter extends OncePerRequestFilter {

    private static final RequestMatcher SIGN_IN = PathPatternRequestMatcher.withDefaults()
            .matcher(HttpMethod.POST, "/login");

    private static final Logger log = LoggerFactory.getLogger(LoginThrottleFilter.class);

    private final LoginThrottle throttle;
    private final ClientAddressResolver clientAddresses;
    private final ViewResolver views;

    LoginThrottleFilter(LoginThrottle throttle, ClientAddressResolver clientAddresses, ViewResolver views) {
        this.throttle = throttle;
        this.clientAddresses = clientAddresses;
        this.views = views;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!SIGN_IN.matches(request)) {
            chain.doFilter(request, response);
            return;
        }
        InetAddress client = clientAddresses.resolve(request);
        Optional<Duration> wait = throttle.refusal(client);
        if (wait.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        long seconds = RateLimitDecision.retryAfterSeconds(wait.get());
        // Named here so that an operator can block a guesser at the proxy (alert CheckerSmtpPasswordGuessing).
        log.warn("sign-in from {} not tried: too many failed sign-ins, next one in {} s", client.getHostAddress(),
                seconds);
        response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        // The page's language: outside the DispatcherServlet, its view reads the request's own locale.
        Locale language = request.getLocale();
        try {
            views.resolveViewName(LoginController.PAGE, language).render(Map.of("throttledFor",
                    RateLimitedPage.readable(seconds).in(Catalogue.classpath(), language)), request, response);
        } catch (ServletException | IOException e) {
            throw e;
        } catch (Exception e) {
            throw new ServletException("cannot render the sign-in page", e);
        }
    }

    AuthenticationFailureHandler countingFailures() {
        SimpleUrlAuthenticationFailureHandler toLoginPage = new SimpleUrlAuthenticationFailureHandler("/login?error");
        return (request, response, exception) -> {
            throttle.failed(clientAddresses.resolve(request));
            toLoginPage.onAuthenticationFailure(request, response, exception);
        };
    }
}
