package org.checkersmtp.security;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import org.checkersmtp.config.SharedState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * The people who may log in, from {@code checker.security.users}. With none configured, one user named
 * "user" gets a random password that is logged once, as Spring Boot does: enough to try the page on a
 * laptop, useless for a hosted instance (it changes at every start and differs between replicas, which is
 * why {@code checker.shared-state=redis} refuses to start without configured users). With the form turned
 * off ({@code checker.security.form-login.enabled=false}) nobody signs in with a password.
 */
@Configuration(proxyBeanMethods = false)
public class ConfiguredUsers {

    static final String GENERATED_USER = "user";

    private static final Logger log = LoggerFactory.getLogger(ConfiguredUsers.class);

    @Bean
    InMemoryUserDetailsManager userDetailsService(CheckerSecurityProperties properties, Environment environment) {
        List<CheckerSecurityProperties.User> users = properties.users();
        if (users.isEmpty() && properties.formLogin().enabled()) {
            if (SharedState.of(environment) == SharedState.REDIS) {
                throw new InvalidConfigurationPropertyValueException("checker.security.users", "(none)",
                        "replicas sharing state need the same users: a generated password would differ on each");
            }
            byte[] random = new byte[16];
            new SecureRandom().nextBytes(random);
            String password = HexFormat.of().formatHex(random);
            log.warn("Using generated password for user '{}': {} (for development only: configure "
                    + "checker.security.users for a hosted instance)", GENERATED_USER, password);
            users = List.of(new CheckerSecurityProperties.User(GENERATED_USER, "{noop}" + password));
        }
        return new InMemoryUserDetailsManager(users.stream()
                .map(user -> (UserDetails) User.withUsername(user.username()).password(user.password())
                        .roles("USER").build())
                .toList());
    }
}
