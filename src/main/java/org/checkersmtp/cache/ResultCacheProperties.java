package org.checkersmtp.cache;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * {@code checker.probe.result-cache} and {@code checker.probe.result-cache-memory}. Documented in
 * docs/configuration.md.
 *
 * @param resultCache       how long a result is served again instead of probing again; 0s turns the cache off
 * @param resultCacheMemory most memory the cached results may take (checker.shared-state=memory)
 */
@Validated
@ConfigurationProperties("checker.probe")
public record ResultCacheProperties(
        @NotNull @DurationMin(seconds = 0) @DefaultValue("60s") Duration resultCache,
        @NotNull @DefaultValue("32MB") DataSize resultCacheMemory) {
}
