package org.checkersmtp.observation;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** The TLSA RRset of one MX host ({@code _25._tcp.<host>}), looked up with DNSSEC validation. */
public record DaneLookup(
        @JsonInclude(JsonInclude.Include.ALWAYS) String host,
        /** The name queried: "_25._tcp.mx.example.com". */
        @JsonInclude(JsonInclude.Include.ALWAYS) String name,
        @JsonInclude(JsonInclude.Include.ALWAYS) DnssecStatus dnssec,
        /** The TLSA records in presentation form ("3 1 1 ab12…"); empty: none published. */
        List<String> records,
        /** Resolver failure, the validator's reason for bogus, or what the resolver did not return for indeterminate. */
        String error) {

    public DaneLookup {
        records = records == null ? List.of() : List.copyOf(records);
    }
}
