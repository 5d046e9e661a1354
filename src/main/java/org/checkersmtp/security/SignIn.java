package org.checkersmtp.security;

import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.stereotype.Component;

/**
 * What the pages show about signing in, read by the templates as {@code @signIn} (the login page is also
 * rendered by {@link LoginThrottleFilter}, outside any controller): which ways there are, and the name of
 * whoever is signed in.
 */
@Component("signIn")
public class SignIn {

    /** One button of the login page: an OpenID Connect provider and the path that starts its sign-in. */
    public record Provider(String name, String path) {
    }

    private final boolean formLogin;
    private final List<Provider> providers;

    SignIn(CheckerSecurityProperties properties, ObjectProvider<InMemoryClientRegistrationRepository> registrations) {
        this.formLogin = properties.formLogin().enabled();
        InMemoryClientRegistrationRepository repository = registrations.getIfAvailable();
        this.providers = repository == null ? List.of() : providers(repository);
    }

    private static List<Provider> providers(Iterable<ClientRegistration> registrations) {
        List<Provider> found = new ArrayList<>();
        for (ClientRegistration registration : registrations) {
            found.add(new Provider(registration.getClientName(), OAuth2AuthorizationRequestRedirectFilter
                    .DEFAULT_AUTHORIZATION_REQUEST_BASE_URI + "/" + registration.getRegistrationId()));
        }
        return List.copyOf(found);
    }

    public boolean formLogin() {
        return formLogin;
    }

    public List<Provider> providers() {
        return providers;
    }

    /** The OAuth 2 error code of {@code /login?provider-error=…}, or "failed" for anything else. */
    public String providerError(String code) {
        return OidcSignInFailure.shown(code);
    }

    /** The header's name: a configured user's name, or what an OpenID Connect provider calls the person. */
    public String displayName(Authentication user) {
        return user.getPrincipal() instanceof OidcAccount account ? account.displayName() : user.getName();
    }
}
