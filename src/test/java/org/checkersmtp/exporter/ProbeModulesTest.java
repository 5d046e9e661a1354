package org.checkersmtp.exporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.checkersmtp.CheckerSmtpApplication;
import org.checkersmtp.options.CheckOptions;
import org.checkersmtp.observation.OptionalProbe;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;

/** Modules are run options checked at start-up by the options parser: a bad one names its key. */
class ProbeModulesTest {

    private static ProbeModules modules(Map<String, Map<String, String>> configured) {
        return new ProbeModules(new ExporterProperties(Duration.ofMinutes(5), Duration.ofMillis(500), 10, configured));
    }

    @Test
    void theDefaultModuleMakesEveryProbeAndTheTlsSibling() {
        ProbeModules.Module module = modules(Map.of()).get(ProbeModules.DEFAULT).orElseThrow();
        assertThat(module.tlsPosture()).isTrue();
        assertThat(module.optionsFor("Example.ORG.")).isEqualTo(CheckOptions.defaults("example.org"));
    }

    @Test
    void aModuleSetsRunOptionsInKebabCase() {
        ProbeModules.Module module = modules(Map.of("quick", Map.of("timeout", "4.5", "test-open-relay", "false",
                "helo-name", "monitor.example.net", "tls-posture", "false"))).get("quick").orElseThrow();
        CheckOptions options = module.optionsFor("example.org");
        assertThat(options.timeout()).isEqualTo(Duration.ofMillis(4500));
        assertThat(options.heloName()).isEqualTo("monitor.example.net");
        assertThat(options.makes(OptionalProbe.OPEN_RELAY)).isFalse();
        assertThat(options.makes(OptionalProbe.POSTMASTER)).isTrue();
        assertThat(module.tlsPosture()).isFalse();
    }

    @Test
    void aBadModuleNamesItsKeyAndTheReason() {
        assertThatThrownBy(() -> modules(Map.of("quick", Map.of("timeout", "soon"))))
                .hasMessage("checker.exporter.modules.quick.timeout: must be a number of seconds, got a string");
        assertThatThrownBy(() -> modules(Map.of("quick", Map.of("timeout", "-1"))))
                .hasMessage("checker.exporter.modules.quick.timeout: must be a positive number of seconds, got -1.0");
        assertThatThrownBy(() -> modules(Map.of("quick", Map.of("helo-name", "not a name"))))
                .hasMessageStartingWith("checker.exporter.modules.quick.helo-name: ");
        assertThatThrownBy(() -> modules(Map.of("quick", Map.of("test-open-relay", "maybe"))))
                .hasMessage("checker.exporter.modules.quick.test-open-relay: must be a boolean (true or false), got "
                        + "a string");
        assertThatThrownBy(() -> modules(Map.of("quick", Map.of("domain", "example.org"))))
                .hasMessageStartingWith("checker.exporter.modules.quick.domain: not a module option (known: timeout, "
                        + "helo-name, tls-posture");
    }

    @Test
    void theServiceDoesNotStartWithABadModule() {
        SpringApplication app = new SpringApplication(CheckerSmtpApplication.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        assertThatThrownBy(() -> app.run("--checker.exporter.modules.quick.timeout=soon").close())
                .hasStackTraceContaining("checker.exporter.modules.quick.timeout: must be a number of seconds");
    }
}
