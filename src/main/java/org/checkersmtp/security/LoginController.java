package org.checkersmtp.security;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The login page; Spring Security handles its POST, the failure ({@code ?error}) and logout ({@code ?logout}),
 * and {@link LoginThrottleFilter} shows the same page when an address has failed too often.
 */
@Controller
public class LoginController {

    static final String PAGE = "login";

    @GetMapping("/login")
    public String login() {
        return PAGE;
    }
}
