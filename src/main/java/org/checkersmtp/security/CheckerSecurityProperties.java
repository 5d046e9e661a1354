package org.checkersmtp.security;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * {@code checker.security.*}: who may log in to the /check page, which reverse proxies are believed
 * about the client's address, and who may frame the HTML report. Documented in docs/configuration.md.
 *
 * @param users          people allowed to log in; empty = one user "user" with a password generated and
 *                       logged at start-up (development only)
 * @param trustedProxies CIDRs of the reverse proxies whose X-Forwarded-For / Forwarded headers are read
 * @param frameAncestors CSP frame-ancestors sources allowed to embed {@code /report} (every other page
 *                       refuses to be framed)
 * @param formLogin      whether the configured users sign in with the form; off, only OpenID Connect
 *                       providers ({@code spring.security.oauth2.client.registration.*}) sign people in
 */
@ConfigurationProperties("checker.security")
public record CheckerSecurityProperties(
        @DefaultValue List<User> users,
        @DefaultValue List<String> trustedProxies,
        @DefaultValue("*") List<String> frameAncestors,
        @DefaultValue FormLogin formLogin) {

    /** Spring Security's encoding prefixes we accept: a bcrypt hash, or (tests, development) the plain text. */
    static final Pattern ENCODED_PASSWORD = Pattern.compile("\\{bcrypt}\\$2[aby]?\\$\\d\\d\\$[./A-Za-z0-9]{53}|\\{noop}.+");
    /** The owner of the results {@code /probe?keep=true} stores: a name no configured or OIDC user can have. */
    public static final String EXPORTER_OWNER = "exporter:";
    private static final Pattern CSP_SOURCE = Pattern.compile("[^\\s;,]+");

    /** @param password {@code {bcrypt}$2a$10$…} (e.g. from {@code htpasswd -bnBC 10 "" secret | tr -d ':\n'}) or {@code {noop}secret} */
    public record User(String username, String password) {
    }

    /** @param enabled {@code checker.security.form-login.enabled} */
    public record FormLogin(@DefaultValue("true") boolean enabled) {
    }

    public CheckerSecurityProperties {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < users.size(); i++) {
            User user = users.get(i);
            String prefix = "checker.security.users[" + i + "].";
            if (user.username() == null || user.username().isBlank()) {
                throw new InvalidConfigurationPropertyValueException(prefix + "username", user.username(),
                        "a user needs a name");
            }
            if (user.username().startsWith(OidcAccount.PREFIX)) {
                throw new InvalidConfigurationPropertyValueException(prefix + "username", user.username(),
                        "names starting with \"" + OidcAccount.PREFIX + "\" are those of OpenID Connect users");
            }
            if (user.username().equals(EXPORTER_OWNER)) {
                throw new InvalidConfigurationPropertyValueException(prefix + "username", user.username(),
                        "this name owns the results /probe keeps");
            }
            if (!names.add(user.username())) {
                throw new InvalidConfigurationPropertyValueException(prefix + "username", user.username(),
                        "this user name is configured twice");
            }
            if (user.password() == null || !ENCODED_PASSWORD.matcher(user.password()).matches()) {
                // The value is a secret: never echo it in the start-up error.
                throw new InvalidConfigurationPropertyValueException(prefix + "password", "(hidden)",
                        "must be {bcrypt} followed by a bcrypt hash ($2a$10$ and 53 characters), or {noop} followed by the password");
            }
        }
        for (int i = 0; i < frameAncestors.size(); i++) {
            if (frameAncestors.get(i) == null || !CSP_SOURCE.matcher(frameAncestors.get(i)).matches()) {
                throw new InvalidConfigurationPropertyValueException("checker.security.frame-ancestors[" + i + "]",
                        frameAncestors.get(i), "one CSP source per entry ('self', https://happydomain.example, *), "
                                + "without spaces, ';' or ','");
            }
        }
        users = List.copyOf(users);
        trustedProxies = List.copyOf(trustedProxies);
        frameAncestors = List.copyOf(frameAncestors);
    }

    IpNetworks trustedProxyNetworks() {
        return IpNetworks.parse("checker.security.trusted-proxies", trustedProxies);
    }
}
