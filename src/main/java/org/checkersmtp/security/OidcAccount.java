package org.checkersmtp.security;

import java.io.Serial;
import java.net.URL;
import java.util.Collection;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.StandardClaimNames;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;

/**
 * A person signed in through an OpenID Connect provider. Their {@link #getName() name} — what rate limits,
 * and anything a user owns, are keyed by — is {@code oidc:<issuer>#<subject>}: the only pair the protocol
 * promises to be unique and stable (an e-mail address or a user name can change, or be reused by another
 * provider), and it can never equal a configured user's name, which has no {@code oidc:} prefix by rule of
 * {@link CheckerSecurityProperties}. What the header shows is {@link #displayName()}, from the ID token.
 * Serializable: it lives in the session, in Redis with {@code checker.shared-state=redis}.
 */
public final class OidcAccount extends DefaultOidcUser {

    @Serial
    private static final long serialVersionUID = 1L;

    static final String PREFIX = "oidc:";
    /** Enough for a name in the header; a provider's claim is outside text, so it is bounded. */
    static final int DISPLAY_NAME_MAX = 64;

    private static final Pattern INVISIBLE = Pattern.compile("[\\p{Cc}\\p{Cf}]");

    private final String key;

    OidcAccount(Collection<? extends GrantedAuthority> authorities, OidcIdToken idToken, OidcUserInfo userInfo) {
        super(authorities, idToken, userInfo, IdTokenClaimNames.SUB);
        this.key = key(idToken.getIssuer(), idToken.getSubject());
    }

    /** The owner key of the user {@code subject} at {@code issuer}. */
    public static String key(URL issuer, String subject) {
        return PREFIX + issuer + "#" + subject;
    }

    @Override
    public String getName() {
        return key;
    }

    /**
     * The ID token's (or user info's) name, preferred user name or e-mail, else the subject: without control
     * or format characters (a bidirectional override would make it read as someone else's), at most 64
     * characters.
     */
    public String displayName() {
        String name = Stream.of(StandardClaimNames.NAME, StandardClaimNames.PREFERRED_USERNAME, StandardClaimNames.EMAIL)
                .map(this::<Object>getAttribute)
                .filter(String.class::isInstance)
                .map(value -> INVISIBLE.matcher((String) value).replaceAll("").strip())
                .filter(text -> !text.isEmpty())
                .findFirst().orElse(getSubject());
        return name.codePointCount(0, name.length()) <= DISPLAY_NAME_MAX ? name
                : name.substring(0, name.offsetByCodePoints(0, DISPLAY_NAME_MAX - 1)) + "…";
    }
}
