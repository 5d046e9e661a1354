package org.checkersmtp.observation;

import com.fasterxml.jackson.annotation.JsonProperty;

public enum TransactionKind {
    /** MAIL FROM:&lt;&gt;, then RCPT TO the domain's postmaster when that test is on. */
    @JsonProperty("null_sender") NULL_SENDER,
    /** RCPT TO the domain's postmaster with an ordinary sender (null sender off, or refused at MAIL). */
    @JsonProperty("postmaster") POSTMASTER,
    /** An outside sender to an outside recipient: must be refused. */
    @JsonProperty("open_relay") OPEN_RELAY
}
