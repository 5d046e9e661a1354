package org.checkersmtp.ratelimit;

import jakarta.servlet.http.HttpServletResponse;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.checkersmtp.i18n.Catalogue;
import org.checkersmtp.i18n.Text;
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

    private final Catalogue catalogue;

    public RateLimitedPage(Catalogue catalogue) {
        this.catalogue = catalogue;
    }

    @ExceptionHandler(RateLimitExceededException.class)
    public ModelAndView rateLimited(RateLimitExceededException exception, HttpServletResponse response,
                                    Locale language) {
        RateLimitDecision decision = exception.decision();
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(decision.retryAfterSeconds()));
        ModelAndView page = new ModelAndView("rate-limited", HttpStatus.TOO_MANY_REQUESTS);
        page.addObject("decision", decision);
        page.addObject("wait", readable(decision.retryAfterSeconds()).in(catalogue, language));
        page.addObject("scope", catalogue.text("ratelimit.scope." + decision.scope().tag(), language));
        page.addObject("retryAt", UTC_TIME.format(decision.retryAt()));
        return page;
    }

    /**
     * "45 seconds", "3 minutes", "5 hours 12 minutes": rounded up (also the age of a cached /check result and
     * the wait of a throttled sign-in), in the reader's language where it is shown.
     */
    public static Text readable(long seconds) {
        if (seconds < 60) {
            return count(seconds, "second");
        }
        long minutes = (seconds + 59) / 60;
        if (minutes < 60) {
            return count(minutes, "minute");
        }
        Text hours = count(minutes / 60, "hour");
        return minutes % 60 == 0 ? hours
                : Text.of("duration.hours_minutes", "hours", hours, "minutes", count(minutes % 60, "minute"));
    }

    /** The unit's singular for 1, its plural for any other count. */
    private static Text count(long n, String unit) {
        return n == 1 ? Text.of("duration." + unit) : Text.of("duration." + unit + "s", "count", n);
    }
}
