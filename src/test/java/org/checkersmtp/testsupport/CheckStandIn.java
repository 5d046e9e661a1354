package org.checkersmtp.testsupport;

import jakarta.servlet.http.HttpServletRequest;
import org.checkersmtp.ratelimit.CheckRateLimiter;
import org.checkersmtp.security.ClientAddressResolver;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Stands in for the /check page in security and shared-state tests (test sources only, so in every test
 * context): under /check/**, hence behind login, with one rate-limited POST as /check does it.
 */
@RestController
public class CheckStandIn {

    public static final String PATH = "/check/stand-in";

    private final CheckRateLimiter limiter;
    private final ClientAddressResolver clientAddresses;

    public CheckStandIn(CheckRateLimiter limiter, ClientAddressResolver clientAddresses) {
        this.limiter = limiter;
        this.clientAddresses = clientAddresses;
    }

    /** Who is logged in, and the session's CSRF token for the next POST. */
    @GetMapping(PATH)
    public String who(Authentication user, CsrfToken csrf) {
        return "hello " + user.getName() + " " + csrf.getToken();
    }

    @PostMapping(PATH)
    public String check(Authentication user, HttpServletRequest request) {
        limiter.acquire(user.getName(), clientAddresses.resolve(request));
        return "checked";
    }
}
