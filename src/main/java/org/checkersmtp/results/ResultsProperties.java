package org.checkersmtp.results;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * {@code checker.results.*}: the stored results (permalinks, history). Documented in docs/configuration.md.
 *
 * @param directory  where a single instance keeps them (checker.shared-state=memory); empty: in memory only
 * @param retention  how long a result is kept; older ones answer 404 and are removed
 * @param maxPerUser the most results one user keeps; storing one more removes the oldest
 * @param maxSize    the largest stored result (its JSON); a bigger one is shown but not stored
 */
@Validated
@ConfigurationProperties("checker.results")
public record ResultsProperties(
        @NotNull @DefaultValue("results") String directory,
        @NotNull @DurationMin(minutes = 1) @DefaultValue("30d") Duration retention,
        @Min(1) @Max(100_000) @DefaultValue("200") int maxPerUser,
        @NotNull @DefaultValue("2MB") DataSize maxSize) {
}
