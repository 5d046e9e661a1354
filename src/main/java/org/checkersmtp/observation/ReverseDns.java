package org.checkersmtp.observation;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** PTR names of an address and whether one of them resolves back to it (FCrDNS). */
public record ReverseDns(
        /** PTR target names, without trailing dot. */
        List<String> ptr,
        /** "nxdomain", "nodata", or the resolver failure; empty when PTR names were found. */
        String error,
        /** True when one PTR name has an A/AAAA record equal to the address. */
        @JsonProperty("forward_confirmed") boolean forwardConfirmed,
        /** The PTR name that confirmed, when one did. */
        @JsonProperty("confirmed_name") String confirmedName,
        /** Addresses each PTR name resolved to, name first ("mx.example.com -> 192.0.2.1, 192.0.2.2"). */
        List<String> forward) {

    public ReverseDns {
        ptr = ptr == null ? List.of() : List.copyOf(ptr);
        forward = forward == null ? List.of() : List.copyOf(forward);
    }
}
