package org.checkersmtp.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import org.checkersmtp.collect.CollectorProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** A bad checker.dns.servers stops the start-up naming the property and why, not at the first query. */
class DnsServersPropertyTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(CollectorProperties.class)
    static class Properties {}

    @Test
    void anUnresolvableOrEmptyResolverRefusesToStart() {
        ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Properties.class);
        runner.withPropertyValues("checker.dns.servers=bad.invalid").run(context ->
                assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessage("cannot resolve host \"bad.invalid\""));
        runner.withPropertyValues("checker.dns.servers=a:b:c").run(context ->
                assertThat(context.getStartupFailure()).hasStackTraceContaining("checker.dns.servers: "));
        runner.withPropertyValues("checker.dns.servers=127.0.0.1:5353").run(context ->
                assertThat(context).hasNotFailed());
    }
}
