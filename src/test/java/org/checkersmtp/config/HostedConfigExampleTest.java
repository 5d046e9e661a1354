package org.checkersmtp.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.checkersmtp.cache.ResultCacheProperties;
import org.checkersmtp.collect.CollectorProperties;
import org.checkersmtp.ownership.OwnershipProperties;
import org.checkersmtp.ratelimit.RateLimitProperties;
import org.checkersmtp.security.ApiAccessProperties;
import org.checkersmtp.security.CheckerSecurityProperties;
import org.checkersmtp.web.WebProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.mock.env.MockEnvironment;

/**
 * config/application.yml: its hosted document binds to the real settings (no typo, nothing invalid), and its
 * first document, which Spring Boot loads by itself from the repository root, changes no embedded default.
 */
class HostedConfigExampleTest {

    @Test
    void theHostedExampleIsValid() throws Exception {
        List<PropertySource<?>> documents = new YamlPropertySourceLoader()
                .load("example", new FileSystemResource("config/application.yml"));
        PropertySource<?> hosted = documents.stream()
                .filter(d -> "hosted".equals(d.getProperty("spring.config.activate.on-profile")))
                .findFirst().orElseThrow();
        MockEnvironment environment = new MockEnvironment()
                .withProperty("CHECKER_ALICE_PASSWORD", "{bcrypt}$2y$10$" + "a".repeat(53))
                .withProperty("CHECKER_API_TOKEN", "0123456789abcdef0123456789");
        documents.forEach(d -> environment.getPropertySources().addFirst(d));
        environment.getPropertySources().addFirst(hosted);
        Binder binder = Binder.get(environment);

        CheckerSecurityProperties security = binder.bind("checker.security", CheckerSecurityProperties.class).get();
        assertThat(security.users()).extracting(CheckerSecurityProperties.User::username).containsExactly("alice");
        assertThat(binder.bind("checker.api", ApiAccessProperties.class).get().token()).isNotNull();
        assertThat(binder.bind("checker.rate-limit", RateLimitProperties.class).get().userPerDay()).isPositive();
        assertThat(binder.bind("checker.probe", ResultCacheProperties.class).get().resultCache()).isPositive();
        assertThat(SharedState.of(environment)).isEqualTo(SharedState.REDIS);
        assertThat(binder.bind("checker", CollectorProperties.class).get().targets().allowedDomains()).isEmpty();
        assertThat(binder.bind("checker.web", WebProperties.class).get().maxRunningChecks()).isEqualTo(64);
        OwnershipProperties ownership = binder.bind("checker", OwnershipProperties.class).get();
        assertThat(ownership.targets().requireOwnership()).isTrue();
        assertThat(ownership.ownership().recheck()).isEqualTo(java.time.Duration.ofDays(7));
    }

    @Test
    void theFirstDocumentOnlySpellsOutTheDefaults() throws Exception {
        PropertySource<?> first = new YamlPropertySourceLoader()
                .load("example", new FileSystemResource("config/application.yml")).get(0);
        MockEnvironment withExample = new MockEnvironment();
        withExample.getPropertySources().addFirst(first);

        CollectorProperties example = Binder.get(withExample).bindOrCreate("checker", CollectorProperties.class);
        CollectorProperties defaults = Binder.get(new MockEnvironment()).bindOrCreate("checker", CollectorProperties.class);
        assertThat(example).isEqualTo(defaults);
        assertThat(Binder.get(withExample).bindOrCreate("checker", OwnershipProperties.class))
                .isEqualTo(Binder.get(new MockEnvironment()).bindOrCreate("checker", OwnershipProperties.class));
        assertThat(Binder.get(withExample).bindOrCreate("checker.probe", ResultCacheProperties.class))
                .isEqualTo(Binder.get(new MockEnvironment()).bindOrCreate("checker.probe", ResultCacheProperties.class));
    }
}
