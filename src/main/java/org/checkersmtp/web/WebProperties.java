package org.checkersmtp.web;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code checker.web.*}: the /check page. Documented in docs/configuration.md.
 *
 * @param maxRunningChecks checks of the page running at once on this replica (each holds a thread, two
 *                         when its progress is streamed); one more is answered 503 before it costs an allowance
 */
@Validated
@ConfigurationProperties("checker.web")
public record WebProperties(@Min(1) @Max(4096) @DefaultValue("64") int maxRunningChecks) {
}
