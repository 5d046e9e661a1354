package org.checkersmtp.observation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** What the collector was asked to do, so that rules can tell "not tested" from "passed". */
public record ProbeSettings(
        @JsonProperty("helo_name") String heloName,
        /** The timeout option as asked. */
        @JsonProperty("timeout_ms") long timeoutMs,
        /** The session deadline as used: the timeout option, at most the collect deadline. */
        @JsonProperty("effective_timeout_ms") long effectiveTimeoutMs,
        @JsonProperty("test_null_sender") @JsonInclude(JsonInclude.Include.ALWAYS) boolean testNullSender,
        @JsonProperty("test_postmaster") @JsonInclude(JsonInclude.Include.ALWAYS) boolean testPostmaster,
        @JsonProperty("test_open_relay") @JsonInclude(JsonInclude.Include.ALWAYS) boolean testOpenRelay,
        /** postmaster@domain. */
        @JsonProperty("postmaster_address") String postmasterAddress,
        /** The outside recipient used for the relay probe (test_probe_address, replaced when inside the domain). */
        @JsonProperty("relay_recipient") String relayRecipient,
        @JsonProperty("relay_sender") String relaySender) {
}
