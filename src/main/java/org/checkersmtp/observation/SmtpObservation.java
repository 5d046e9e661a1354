package org.checkersmtp.observation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * The {@code smtp} observation: facts only, as collected. The first five fields carry the names of
 * the Go checker's published types so that happyDomain's built-in Go rules can read them; the rest
 * is versioned by {@link #SCHEMA_VERSION} and documented in docs/observation.md.
 */
public record SmtpObservation(
        @JsonInclude(JsonInclude.Include.ALWAYS) String domain,
        @JsonProperty("run_at") @JsonInclude(JsonInclude.Include.ALWAYS) Instant runAt,
        @JsonInclude(JsonInclude.Include.ALWAYS) MxLookup mx,
        @JsonInclude(JsonInclude.Include.ALWAYS) List<EndpointProbe> endpoints,
        @JsonInclude(JsonInclude.Include.ALWAYS) Coverage coverage,
        @JsonProperty("schema_version") int schemaVersion,
        ProbeSettings probe,
        @JsonProperty("duration_ms") long durationMs,
        /** Set when the overall collect deadline cut work short, e.g. "timed out in phase dns_mx". */
        String incomplete) {

    public static final int SCHEMA_VERSION = 1;

    public SmtpObservation {
        endpoints = endpoints == null ? List.of() : List.copyOf(endpoints);
    }

    /**
     * The MX host names, in MX order and without repeats: the targets that are names, not IP literals
     * (for an implicit MX, the domain itself); none for a null MX. What a TLS check of the MX hosts
     * addresses. Derived, so not part of the JSON.
     */
    public List<String> mxHosts() {
        if (mx == null || mx.nullMx()) {
            return List.of();
        }
        return mx.records().stream().filter(r -> !r.ipLiteral()).map(MxRecord::target)
                .filter(t -> t != null && !t.isEmpty()).distinct().toList();
    }
}
