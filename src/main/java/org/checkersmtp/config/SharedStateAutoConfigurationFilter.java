package org.checkersmtp.config;

import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * With {@code checker.shared-state=memory} (the default) Spring Boot's Redis and Spring Session
 * auto-configurations are left out entirely: no connection factory, no health indicator pinging a Redis
 * that does not exist, and the servlet container keeps the login sessions. Only the Redis mode brings
 * them in (registered in META-INF/spring.factories, the hook Boot offers for this).
 */
public class SharedStateAutoConfigurationFilter implements AutoConfigurationImportFilter, EnvironmentAware {

    private static final String[] REDIS_ONLY = {
        "org.springframework.boot.data.redis.", "org.springframework.boot.session."};

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public boolean[] match(String[] autoConfigurationClasses, AutoConfigurationMetadata metadata) {
        boolean redis = SharedState.of(environment) == SharedState.REDIS;
        boolean[] keep = new boolean[autoConfigurationClasses.length];
        for (int i = 0; i < autoConfigurationClasses.length; i++) {
            keep[i] = redis || !redisOnly(autoConfigurationClasses[i]);
        }
        return keep;
    }

    private static boolean redisOnly(String autoConfigurationClass) {
        if (autoConfigurationClass == null) {
            return false; // already filtered out by an earlier filter
        }
        for (String prefix : REDIS_ONLY) {
            if (autoConfigurationClass.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
