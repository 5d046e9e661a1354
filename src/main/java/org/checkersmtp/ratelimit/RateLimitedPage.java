package org.checkersmtp.ratelimit;

import jakarta.servlet.http.HttpServletResponse;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/**
 * A refused check: 429, {@code Retry-After}, and a page that says which limit and when to try again.
 * Consulted before any catch-all advice (the API's Go-style errors answer every other exception).
 */
@ControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RateLimitedPage {

    private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    @ExceptionHandler(RateLimitExceededException.class)
    public ModelAndView rateLimited(RateLimitExceededException exception, HttpServletResponse response) {
        RateLimitDecision decision = exception.decision();
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(decision.retryAfterSeconds()));
        ModelAndView page = new ModelAndView("rate-limited", HttpStatus.TOO_MANY_REQUESTS);
        page.addObject("decision", decision);
        page.addObject("wait", readable(decision.retryAfterSeconds()));
        page.addObject("retryAt", UTC_TIME.format(decision.retryAt()));
        return page;
    }

    /** "45 seconds", "3 minutes", "5 hours 12 minutes": rounded up (also the age of a cached /check result). */
    public static String readable(long seconds) {
        if (seconds < 60) {
            return plural(seconds, "second");
        }
        long minutes = (seconds + 59) / 60;
        if (minutes < 60) {
            return plural(minutes, "minute");
        }
        return plural(minutes / 60, "hour") + (minutes % 60 == 0 ? "" : " " + plural(minutes % 60, "minute"));
    }

    private static String plural(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }
}
