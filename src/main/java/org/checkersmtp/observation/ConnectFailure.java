package org.checkersmtp.observation;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Why a TCP connection did not open. Only some of these are facts about the server. */
public enum ConnectFailure {
    /** The server answered with a reset: nothing listens on port 25. */
    @JsonProperty("refused") REFUSED,
    /** No answer within the deadline (filtered, or down). */
    @JsonProperty("timeout") TIMEOUT,
    /** A router said the host or network is unreachable. */
    @JsonProperty("no_route") NO_ROUTE,
    /** The checker itself has no route for this address family: a fact about the checker, not the server. */
    @JsonProperty("checker_no_route") CHECKER_NO_ROUTE,
    /** The target policy forbids contacting this address (private, loopback, reserved…). */
    @JsonProperty("policy") POLICY,
    /** The overall collect deadline was reached before this endpoint's turn. */
    @JsonProperty("not_attempted") NOT_ATTEMPTED,
    @JsonProperty("error") ERROR;

    /** True when the failure says nothing about the server (it could not be tested). */
    public boolean untestable() {
        return this == CHECKER_NO_ROUTE || this == POLICY || this == NOT_ATTEMPTED;
    }
}
