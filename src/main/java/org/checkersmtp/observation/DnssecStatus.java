package org.checkersmtp.observation;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

/** What DNSSEC validation said of a TLSA RRset ({@code tls_posture.dane[].dnssec}). */
public enum DnssecStatus {
    /** Validated from a trust anchor. */
    @JsonProperty("secure") SECURE,
    /** No chain of trust: senders ignore the records. */
    @JsonProperty("insecure") INSECURE,
    /** The chain from an anchor reaches the zone and breaks there: validating senders defer. */
    @JsonProperty("bogus") BOGUS,
    /** The resolver did not give the validator a chain from the anchor: nothing is known of the zone. */
    @JsonProperty("indeterminate") INDETERMINATE,
    /** The lookup itself failed. */
    @JsonProperty("error") ERROR;


    /** The JSON value (the constant's name in lower case), which the report shows too. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
