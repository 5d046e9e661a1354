package org.checkersmtp.observation;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What DNSSEC validation said of a TLSA RRset ({@code tls_posture.dane[].dnssec}). */
public enum DnssecStatus {
    /** Validated from a trust anchor. */
    @JsonProperty("secure") SECURE("secure"),
    /** No chain of trust: senders ignore the records. */
    @JsonProperty("insecure") INSECURE("insecure"),
    /** The chain from an anchor reaches the zone and breaks there: validating senders defer. */
    @JsonProperty("bogus") BOGUS("bogus"),
    /** The resolver did not give the validator a chain from the anchor: nothing is known of the zone. */
    @JsonProperty("indeterminate") INDETERMINATE("indeterminate"),
    /** The lookup itself failed. */
    @JsonProperty("error") ERROR("error");

    private final String wire;

    DnssecStatus(String wire) {
        this.wire = wire;
    }

    /** The JSON value, which the report shows too. */
    @Override
    public String toString() {
        return wire;
    }
}
