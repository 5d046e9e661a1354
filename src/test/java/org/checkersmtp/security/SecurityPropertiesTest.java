package org.checkersmtp.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.checkersmtp.CheckerSmtpApplication;
import org.checkersmtp.config.SharedState;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/** A bad security setting stops the start-up with the property named, and never echoes a secret. */
class SecurityPropertiesTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({CheckerSecurityProperties.class, ApiAccessProperties.class})
    @Import({ConfiguredUsers.class, ClientAddressResolver.class})
    static class Settings {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Settings.class);

    private String startupError(String... properties) {
        String[] message = new String[1];
        runner.withPropertyValues(properties).run(context -> {
            assertThat(context).hasFailed();
            Throwable cause = context.getStartupFailure();
            StringBuilder all = new StringBuilder();
            for (Throwable t = cause; t != null; t = t.getCause()) {
                all.append(t.getMessage()).append('\n');
            }
            message[0] = all.toString();
        });
        return message[0];
    }

    @Test
    void aPasswordWithoutAnAcceptedEncodingIsRefusedWithoutShowingIt() {
        String error = startupError("checker.security.users[0].username=alice",
                "checker.security.users[0].password=plain-secret");
        assertThat(error).contains("checker.security.users[0].password").contains("{bcrypt}").contains("{noop}")
                .doesNotContain("plain-secret");
        assertThat(startupError("checker.security.users[0].username=alice",
                "checker.security.users[0].password={bcrypt}not-a-hash"))
                .contains("checker.security.users[0].password");
        assertThat(startupError("checker.security.users[0].username=alice",
                "checker.security.users[0].password={sha256}abc"))
                .contains("checker.security.users[0].password");
    }

    @Test
    void aConfiguredUserCannotTakeTheNameOfAnOpenIdConnectUser() {
        assertThat(startupError("checker.security.users[0].username=oidc:https://id.example#alice",
                "checker.security.users[0].password={noop}x"))
                .contains("checker.security.users[0].username").contains("OpenID Connect");
    }

    @Test
    void aConfiguredUserCannotTakeTheNameThatOwnsTheResultsTheExporterKeeps() {
        assertThat(startupError("checker.security.users[0].username=" + CheckerSecurityProperties.EXPORTER_OWNER,
                "checker.security.users[0].password={noop}x"))
                .contains("checker.security.users[0].username").contains("/probe keeps");
    }

    @Test
    void withTheFormOffAndNoProviderNobodyCouldSignInSoTheServiceDoesNotStart() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(CheckerSmtpApplication.class)
                .properties("server.port=0", "checker.security.form-login.enabled=false").run().close())
                .satisfies(failure -> {
                    StringBuilder all = new StringBuilder();
                    for (Throwable t = failure; t != null; t = t.getCause()) {
                        all.append(t.getMessage()).append('\n');
                    }
                    assertThat(all).contains("checker.security.form-login.enabled").contains("nobody could sign in");
                });
    }

    @Test
    void aUserNameIsRequiredAndUnique() {
        assertThat(startupError("checker.security.users[0].password={noop}x"))
                .contains("checker.security.users[0].username");
        assertThat(startupError("checker.security.users[0].username=alice",
                "checker.security.users[0].password={noop}x", "checker.security.users[1].username=alice",
                "checker.security.users[1].password={noop}y"))
                .contains("checker.security.users[1].username").contains("configured twice");
    }

    @Test
    void aShortTokenIsRefusedWithoutShowingIt() {
        String error = startupError("checker.api.token=secret123");
        assertThat(error).contains("checker.api.token").contains("16 characters").doesNotContain("secret123");
    }

    @Test
    void frameAncestorsCannotInjectDirectives() {
        assertThat(startupError("checker.security.frame-ancestors='self'; script-src *"))
                .contains("checker.security.frame-ancestors[0]");
    }

    @Test
    void replicasSharingStateNeedConfiguredUsers() {
        assertThat(startupError(SharedState.PROPERTY + "=redis")).contains("checker.security.users")
                .contains("replicas");
        assertThat(startupError(SharedState.PROPERTY + "=cluster")).contains("checker.shared-state")
                .contains("memory or redis");
    }

    @Test
    void goodSettingsStart() {
        runner.withPropertyValues("checker.security.users[0].username=alice",
                "checker.security.users[0].password={bcrypt}$2y$10$" + "a".repeat(53),
                "checker.api.token=0123456789abcdef", "checker.security.trusted-proxies=10.0.0.0/8,fd00::/8")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(InMemoryUserDetailsManager.class).userExists("alice")).isTrue();
                });
    }
}
