package org.checkersmtp.cli;

import org.checkersmtp.check.CheckPipeline;
import org.checkersmtp.collect.CollectorProperties;
import org.checkersmtp.collect.SmtpCollector;
import org.checkersmtp.config.ClockConfig;
import org.checkersmtp.rules.RuleEvaluator;
import org.checkersmtp.tlsposture.TlsPostureProperties;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.ComponentScan;

/**
 * The beans a check needs, and nothing of the web: the pipeline, the collector, the rules, the TLS sibling
 * (config: the clock and TlsPostureConfig), bound to the same properties as the service (application.yml,
 * ./config/application.yml, environment, --name=value arguments). No auto-configuration: no web server, no
 * security, no metrics registry; and {@link CheckCommand#startContext} makes each bean only when the check
 * first needs it (no TLS sibling for --no-tls-posture), so the command starts in about a second.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@ComponentScan(basePackageClasses = {CheckPipeline.class, SmtpCollector.class, RuleEvaluator.class,
        ClockConfig.class})
@EnableConfigurationProperties({CollectorProperties.class, TlsPostureProperties.class})
class CommandLineConfiguration {
}
