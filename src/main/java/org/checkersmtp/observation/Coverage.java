package org.checkersmtp.observation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Address-family coverage over all endpoints. */
public record Coverage(
        @JsonProperty("ipv4_endpoints") @JsonInclude(JsonInclude.Include.ALWAYS) int ipv4Endpoints,
        @JsonProperty("ipv6_endpoints") @JsonInclude(JsonInclude.Include.ALWAYS) int ipv6Endpoints,
        /** Endpoints that accepted a TCP connection. */
        @JsonProperty("ipv4_reachable") @JsonInclude(JsonInclude.Include.ALWAYS) int ipv4Reachable,
        @JsonProperty("ipv6_reachable") @JsonInclude(JsonInclude.Include.ALWAYS) int ipv6Reachable,
        /** IPv6 endpoints the checker could not try (no IPv6 route here, or policy). */
        @JsonProperty("ipv6_untested") int ipv6Untested) {

    public static final Coverage EMPTY = new Coverage(0, 0, 0, 0, 0);
}
