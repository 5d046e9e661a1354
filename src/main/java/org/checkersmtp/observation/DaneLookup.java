package org.checkersmtp.observation;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** The TLSA RRset of one MX host ({@code _25._tcp.<host>}), looked up with DNSSEC validation. */
public record DaneLookup(
        @JsonInclude(JsonInclude.Include.ALWAYS) String host,
        /** The name queried: "_25._tcp.mx.example.com". */
        @JsonInclude(JsonInclude.Include.ALWAYS) String name,
        /**
         * {@code secure} (validated from a trust anchor), {@code insecure} (no chain of trust: senders
         * ignore the records), {@code bogus} (the chain from an anchor reaches the zone and breaks
         * there: senders defer), {@code indeterminate} (the resolver did not give the validator a chain
         * from the anchor, so nothing is known of the zone), or {@code error}.
         */
        @JsonInclude(JsonInclude.Include.ALWAYS) String dnssec,
        /** The TLSA records in presentation form ("3 1 1 ab12…"); empty: none published. */
        List<String> records,
        /** Resolver failure, the validator's reason for bogus, or what the resolver did not return for indeterminate. */
        String error) {

    public static final String SECURE = "secure";
    public static final String INSECURE = "insecure";
    public static final String BOGUS = "bogus";
    public static final String INDETERMINATE = "indeterminate";
    public static final String ERROR = "error";

    public DaneLookup {
        records = records == null ? List.of() : List.copyOf(records);
    }
}
