package org.checkersmtp.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * A refused OpenID Connect sign-in (an unknown or replayed {@code state}, an ID token that fails
 * verification, the provider's own error): back to the login page, which says so with the OAuth 2 error
 * code ({@code /login?provider-error=invalid_id_token}); the details go to the log for the operator, not
 * to the page. Nobody is signed in. A sign-in started at {@code /oauth2/authorization/<id>} for no configured
 * provider (a stale bookmark, a removed registration) says so the same way, with Spring's code for it,
 * rather than Spring's 500.
 */
final class OidcSignInFailure implements AuthenticationFailureHandler {

    static final String PARAMETER = "provider-error";
    /** Spring's code for a registration id that names no configured provider (as its callback filter says it). */
    static final String UNKNOWN_PROVIDER = "client_registration_not_found";
    /** The codes are Spring's and the provider's (RFC 6749 §5.2: ASCII); anything else is not shown. */
    private static final Pattern ERROR_CODE = Pattern.compile("[a-z_]{1,64}");

    private static final Logger log = LoggerFactory.getLogger(OidcSignInFailure.class);

    private final ClientRegistrationRepository providers;

    OidcSignInFailure(ClientRegistrationRepository providers) {
        this.providers = providers;
    }

    /** The code as the login page shows it: anything but an error code (a crafted link's text) is "failed". */
    static String shown(String code) {
        return code != null && ERROR_CODE.matcher(code).matches() ? code : "failed";
    }

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
                                        AuthenticationException exception) throws IOException {
        String code = shown(code(request, exception));
        log.info("OpenID Connect sign-in refused ({}): {}", code, exception.getMessage());
        response.sendRedirect(request.getContextPath() + "/login?" + PARAMETER + "=" + code);
    }

    private String code(HttpServletRequest request, AuthenticationException exception) {
        if (exception instanceof OAuth2AuthenticationException oauth2) {
            return oauth2.getError().getErrorCode();
        }
        // Starting a sign-in failed (Spring's exception for an unknown id is not public): the last path
        // segment is the registration id, of /oauth2/authorization/<id> as of the callback's path.
        String path = request.getRequestURI();
        return providers.findByRegistrationId(path.substring(path.lastIndexOf('/') + 1)) == null
                ? UNKNOWN_PROVIDER : null;
    }
}
