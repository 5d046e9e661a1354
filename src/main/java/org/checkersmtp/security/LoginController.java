package org.checkersmtp.security;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The login page: the form (when {@code checker.security.form-login.enabled}) and a button per OpenID Connect
 * provider ({@link SignIn}). Spring Security handles the form's POST, its failure ({@code ?error}), logout
 * ({@code ?logout}) and the providers' sign-in ({@code ?provider-error=…} from {@link OidcSignInFailure});
 * {@link LoginThrottleFilter} shows the same page when an address has failed too often.
 */
@Controller
public class LoginController {

    static final String PAGE = "login";

    @GetMapping("/login")
    public String login() {
        return PAGE;
    }
}
