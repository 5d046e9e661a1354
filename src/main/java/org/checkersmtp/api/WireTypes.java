package org.checkersmtp.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.checkersmtp.observation.RelatedObservation;
import org.checkersmtp.options.OptionField;
import org.checkersmtp.rules.CheckState;
import tools.jackson.databind.JsonNode;

/**
 * The checker SDK's wire types, field for field and in the SDK's order. Fields without
 * {@code @JsonInclude(ALWAYS)} are Go {@code omitempty} (the mapper's default).
 */
final class WireTypes {

    private WireTypes() {}

    record HealthResponse(
            @JsonInclude(JsonInclude.Include.ALWAYS) String status,
            @JsonProperty("uptime_seconds") @JsonInclude(JsonInclude.Include.ALWAYS) double uptimeSeconds,
            @JsonProperty("num_cpu") @JsonInclude(JsonInclude.Include.ALWAYS) int numCpu,
            @JsonInclude(JsonInclude.Include.ALWAYS) long inflight,
            @JsonProperty("total_requests") @JsonInclude(JsonInclude.Include.ALWAYS) long totalRequests,
            @JsonInclude(JsonInclude.Include.ALWAYS) List<Double> loadavg) {
    }

    record Availability(
            boolean applyToDomain,
            boolean applyToZone,
            boolean applyToService,
            List<String> limitToProviders,
            List<String> limitToServices) {
    }

    record OptionGroups(
            List<OptionField> adminOpts,
            List<OptionField> userOpts,
            List<OptionField> domainOpts,
            List<OptionField> serviceOpts,
            List<OptionField> runOpts) {
    }

    record RuleInfo(
            @JsonInclude(JsonInclude.Include.ALWAYS) String name,
            @JsonInclude(JsonInclude.Include.ALWAYS) String description,
            OptionGroups options) {
    }

    record Interval(
            @JsonInclude(JsonInclude.Include.ALWAYS) Duration min,
            @JsonInclude(JsonInclude.Include.ALWAYS) Duration max,
            @JsonProperty("default") @JsonInclude(JsonInclude.Include.ALWAYS) Duration defaultInterval) {
    }

    record CheckerDefinition(
            @JsonInclude(JsonInclude.Include.ALWAYS) String id,
            @JsonInclude(JsonInclude.Include.ALWAYS) String name,
            String version,
            @JsonInclude(JsonInclude.Include.ALWAYS) Availability availability,
            @JsonInclude(JsonInclude.Include.ALWAYS) OptionGroups options,
            @JsonInclude(JsonInclude.Include.ALWAYS) List<RuleInfo> rules,
            Interval interval,
            @JsonProperty("has_html_report") boolean hasHtmlReport,
            @JsonProperty("has_metrics") boolean hasMetrics,
            List<String> observationKeys) {
    }

    record PrecheckResponse(
            @JsonUnwrapped CheckerDefinition definition,
            @JsonProperty("precheck_failures") @JsonInclude(JsonInclude.Include.ALWAYS)
            Map<String, String> precheckFailures) {
    }

    record PrecheckRequest(Map<String, Object> options) {
    }

    record CollectRequest(
            String key,
            Map<String, Object> target,
            Map<String, Object> options,
            Map<String, Boolean> enabledRules) {
    }

    record CollectResponse(Object data, List<DiscoveryEntry> entries, String error) {
    }

    record DiscoveryEntry(
            @JsonInclude(JsonInclude.Include.ALWAYS) String type,
            @JsonInclude(JsonInclude.Include.ALWAYS) String ref,
            @JsonInclude(JsonInclude.Include.ALWAYS) Object payload) {
    }

    /** checker-tls's {@code contract.TLSEndpoint}. */
    record TlsEndpoint(
            @JsonInclude(JsonInclude.Include.ALWAYS) String host,
            @JsonInclude(JsonInclude.Include.ALWAYS) int port,
            String sni,
            String starttls,
            @JsonProperty("require_starttls") boolean requireStarttls) {
    }

    record EvaluateRequest(
            Map<String, JsonNode> observations,
            Map<String, Object> options,
            Map<String, Boolean> enabledRules) {
    }

    record EvaluateResponse(
            @JsonInclude(JsonInclude.Include.ALWAYS) List<CheckState> states,
            String error) {
    }

    record ReportRequest(
            String key,
            JsonNode data,
            Map<String, List<RelatedObservation>> related,
            List<CheckState> states) {
    }

    record ErrorResponse(String error) {
    }
}
