package org.checkersmtp.security;

import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * Spring's {@link OidcUserService} (the ID token already verified by then: signature against the
 * provider's keys, issuer, audience, expiry, nonce; the user info fetched when the provider has one),
 * whose user is then named by issuer and subject ({@link OidcAccount}).
 */
final class OidcAccounts extends OidcUserService {

    @Override
    public OidcUser loadUser(OidcUserRequest request) throws OAuth2AuthenticationException {
        OidcUser user = super.loadUser(request);
        return new OidcAccount(user.getAuthorities(), user.getIdToken(), user.getUserInfo());
    }
}
