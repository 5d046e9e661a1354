package org.checkersmtp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.checkersmtp.check.CheckPipeline;
import org.checkersmtp.check.EntryPoint;
import org.checkersmtp.collect.CollectListener;
import org.checkersmtp.options.OptionsParser;
import org.checkersmtp.tlsposture.TlsPostureService;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What the command line's context holds, since every bean is start-up time the plugin pays on each run:
 * the pipeline's beans and none of the service's (web, security, Redis, rate limits, cache, metrics),
 * and the TLS sibling (its trust store) only once a check asks for the TLS posture.
 */
class CommandLineContextTest {

    /** A resolver that refuses at once (nothing listens on the discard port): a check that ends quickly. */
    private static final List<String> REFUSING_RESOLVER = List.of("--checker.dns.servers=127.0.0.1:9");

    @Test
    void holdsThePipelineAndNothingOfTheService() {
        try (ConfigurableApplicationContext context = CheckCommand.startContext(REFUSING_RESOLVER)) {
            List<String> classes = Arrays.stream(context.getBeanDefinitionNames())
                    .map(name -> context.getBeanFactory().getType(name))
                    .filter(type -> type != null).map(Class::getName).toList();
            assertThat(classes).contains(CheckPipeline.class.getName());
            assertThat(classes).noneMatch(c -> c.startsWith("org.springframework.web.")
                    || c.startsWith("org.springframework.boot.web") || c.startsWith("org.springframework.boot.tomcat")
                    || c.startsWith("org.springframework.data.redis") || c.startsWith("org.springframework.security")
                    || c.startsWith("io.micrometer") || c.startsWith("org.thymeleaf")
                    || c.matches("org\\.checkersmtp\\.(api|web|security|ratelimit|cache|metrics|report)\\..*"));
        }
    }

    @Test
    void makesTheTlsSiblingOnlyForACheckThatExaminesTls() throws Exception {
        try (ConfigurableApplicationContext context = CheckCommand.startContext(REFUSING_RESOLVER)) {
            CheckPipeline pipeline = context.getBean(CheckPipeline.class);
            var options = OptionsParser.parse(java.util.Map.of(OptionsParser.DOMAIN, "example.com"));

            pipeline.check(options, false, EntryPoint.CLI, CollectListener.NONE);
            assertThat(made(context, TlsPostureService.class)).as("after --no-tls-posture").isFalse();

            pipeline.check(options, true, EntryPoint.CLI, CollectListener.NONE);
            assertThat(made(context, TlsPostureService.class)).as("after a check with the TLS posture").isTrue();
        }
    }

    private static boolean made(ConfigurableApplicationContext context, Class<?> type) {
        return Arrays.stream(context.getBeanNamesForType(type, true, false))
                .anyMatch(name -> context.getBeanFactory().containsSingleton(name));
    }
}
