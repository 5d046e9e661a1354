package org.checkersmtp.observation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** One MX target and what resolving it gave. */
public record MxRecord(
        @JsonInclude(JsonInclude.Include.ALWAYS) int preference,
        /** The target as published, lower-cased, without the trailing dot. */
        @JsonInclude(JsonInclude.Include.ALWAYS) String target,
        List<String> ipv4,
        List<String> ipv6,
        /** The target is an IP literal (bracketed or not) rather than a host name. */
        @JsonProperty("ip_literal") boolean ipLiteral,
        /** CNAME chain followed from the target, first hop first, when the target is an alias. */
        @JsonProperty("cname_chain") List<String> cnameChain,
        /** How the address lookup ended: see {@link AddressResolution}. */
        AddressResolution resolution,
        /** Detail of a failed address lookup (resolver error text). */
        @JsonProperty("resolution_error") String resolutionError) {

    public MxRecord {
        ipv4 = ipv4 == null ? List.of() : List.copyOf(ipv4);
        ipv6 = ipv6 == null ? List.of() : List.copyOf(ipv6);
        cnameChain = cnameChain == null ? List.of() : List.copyOf(cnameChain);
    }

    public boolean isCname() {
        return !cnameChain.isEmpty();
    }
}
