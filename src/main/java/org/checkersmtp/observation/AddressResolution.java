package org.checkersmtp.observation;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Outcome of resolving an MX target to addresses. */
public enum AddressResolution {
    /** At least one A or AAAA record. */
    @JsonProperty("ok") OK,
    /** The target name does not exist. */
    @JsonProperty("nxdomain") NXDOMAIN,
    /** The name exists but has neither A nor AAAA. */
    @JsonProperty("no_address") NO_ADDRESS,
    /** The lookup failed (SERVFAIL, REFUSED, timeout): nothing is known. */
    @JsonProperty("error") ERROR,
    /** The target is an IP literal: no lookup was made. */
    @JsonProperty("literal") LITERAL,
    /** The overall deadline was reached before the lookup ended. */
    @JsonProperty("timeout") TIMEOUT
}
