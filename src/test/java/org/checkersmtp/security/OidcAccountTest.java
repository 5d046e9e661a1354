package org.checkersmtp.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;

/** Who an OpenID Connect user is (issuer + subject) and what the header calls them (from the ID token). */
class OidcAccountTest {

    private static OidcAccount account(String issuer, String subject, Map<String, Object> claims) {
        OidcIdToken.Builder token = OidcIdToken.withTokenValue("token").issuer(issuer).subject(subject)
                .audience(List.of("checker-smtp")).issuedAt(Instant.EPOCH).expiresAt(Instant.EPOCH.plusSeconds(60));
        claims.forEach(token::claim);
        return new OidcAccount(List.of(), token.build(), null);
    }

    @Test
    void theNameIsIssuerAndSubjectSoTwoProvidersNeverShareAUser() {
        OidcAccount one = account("https://sso.example.org/realms/a", "1234", Map.of("email", "carol@example.org"));
        OidcAccount other = account("https://id.example.net", "1234", Map.of("email", "carol@example.org"));
        assertThat(one.getName()).isEqualTo("oidc:https://sso.example.org/realms/a#1234");
        assertThat(other.getName()).isNotEqualTo(one.getName());
        assertThat(one.displayName()).isEqualTo(other.displayName()).isEqualTo("carol@example.org");
    }

    @Test
    void theHeaderShowsTheNameElseTheUserNameElseTheAddressElseTheSubject() {
        String issuer = "https://sso.example.org";
        assertThat(account(issuer, "s", Map.of("name", "Carol Example", "preferred_username", "carol")).displayName())
                .isEqualTo("Carol Example");
        assertThat(account(issuer, "s", Map.of("name", "  ", "preferred_username", "carol", "email", "c@example.org"))
                .displayName()).isEqualTo("carol");
        assertThat(account(issuer, "s", Map.of("email", "c@example.org")).displayName()).isEqualTo("c@example.org");
        assertThat(account(issuer, "f81d4fae", Map.of()).displayName()).isEqualTo("f81d4fae");
    }

    @Test
    void aProvidersNameIsBoundedAndLosesItsInvisibleCharacters() {
        String issuer = "https://sso.example.org";
        assertThat(account(issuer, "s", Map.of("name", "Mallory\u202Egnp.exe\u0007")).displayName())
                .isEqualTo("Mallorygnp.exe");
        assertThat(account(issuer, "s", Map.of("name", "x".repeat(500))).displayName())
                .hasSize(OidcAccount.DISPLAY_NAME_MAX).endsWith("…");
    }
}
