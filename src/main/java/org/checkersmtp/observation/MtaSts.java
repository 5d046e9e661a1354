package org.checkersmtp.observation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Optional;

/** The domain's MTA-STS policy (RFC 8461): the TXT record, the policy file fetched over HTTPS, and its MX coverage. */
public record MtaSts(
        /** The TXT records at {@code _mta-sts.<domain>} that start with "v=STSv1". */
        List<String> txt,
        /** The TXT lookup failed (not "no record"). */
        @JsonProperty("txt_error") String txtError,
        /** The {@code id} of the TXT record. */
        String id,
        /** https://mta-sts.<domain>/.well-known/mta-sts.txt, when a TXT record asked for it. */
        @JsonProperty("policy_url") String policyUrl,
        /** HTTP status of the policy fetch (0: no response). */
        @JsonProperty("http_status") int httpStatus,
        /** Why the fetch failed (DNS, target policy, TLS, timeout, redirect, size). */
        @JsonProperty("fetch_error") String fetchError,
        /** Why the policy file is not a valid policy (absent when it parsed). */
        @JsonProperty("policy_error") String policyError,
        String version,
        /** {@code enforce}, {@code testing} or {@code none}. */
        String mode,
        @JsonProperty("max_age") @JsonInclude(JsonInclude.Include.NON_NULL) Long maxAge,
        /** The {@code mx:} patterns, as published. */
        List<String> mx,
        /** Every MX host name and the pattern that covers it (absent pattern: not covered). */
        List<Coverage> coverage) {

    /** RFC 8461 §3.3: senders may refuse larger policies; the inspector reads no more of the body. */
    public static final int MAX_POLICY_BYTES = 64 * 1024;


    public MtaSts {
        txt = txt == null ? List.of() : List.copyOf(txt);
        mx = mx == null ? List.of() : List.copyOf(mx);
        coverage = coverage == null ? List.of() : List.copyOf(coverage);
    }

    /** The published mode read as one of RFC 8461's; empty when absent or unknown (then policy_error says so). */
    public Optional<MtaStsMode> policyMode() {
        return MtaStsMode.of(mode);
    }

    public boolean published() {
        return !txt.isEmpty();
    }

    /** One MX host and the {@code mx:} pattern that matched it. */
    public record Coverage(@JsonInclude(JsonInclude.Include.ALWAYS) String host, String pattern) {
    }
}
