package org.checkersmtp.config;

import java.util.Locale;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.core.env.PropertyResolver;

/**
 * {@code checker.shared-state}: where what replicas must agree on lives — rate-limit buckets, login
 * sessions and the short result cache. One switch for the three, because a deployment that shares one
 * of them but not the others behaves inconsistently (a user limited here but not there).
 */
public enum SharedState {
    /** Inside this process (Caffeine, the servlet container's sessions): one replica, no external server. */
    MEMORY,
    /** In Redis ({@code spring.data.redis.*}): any number of replicas behind a load balancer. */
    REDIS;

    public static final String PROPERTY = "checker.shared-state";

    /** The configured value; a value other than memory or redis stops the start-up with the property named. */
    public static SharedState of(PropertyResolver environment) {
        String value = environment.getProperty(PROPERTY, "memory").trim();
        try {
            return valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationPropertyValueException(PROPERTY, value, "must be memory or redis");
        }
    }
}
