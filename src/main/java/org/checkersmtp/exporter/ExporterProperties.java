package org.checkersmtp.exporter;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.Map;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code checker.exporter.*}: the {@code /probe} exporter. Not under {@code checker.probe.*}, which configures
 * the collector. Documented in docs/configuration.md.
 *
 * @param minInterval   a target is probed at most once per this, per module options; scrapes in between get
 *                      the last result and its age (0s: every scrape probes)
 * @param timeoutOffset taken off Prometheus' scrape timeout (X-Prometheus-Scrape-Timeout-Seconds) so the answer
 *                      is written before the scraper gives up, as blackbox_exporter's timeout_offset
 * @param maxMxHosts    MX hosts exported per target, in MX order (a zone may publish hundreds)
 * @param modules       named option sets: {@code checker.exporter.modules.<name>.<run option in kebab case>}
 */
@Validated
@ConfigurationProperties("checker.exporter")
public record ExporterProperties(
        @NotNull @DurationMin(seconds = 0) @DefaultValue("5m") Duration minInterval,
        @NotNull @DurationMin(seconds = 0) @DefaultValue("500ms") Duration timeoutOffset,
        @Min(1) @Max(64) @DefaultValue("10") int maxMxHosts,
        @DefaultValue Map<String, Map<String, String>> modules) {
}
