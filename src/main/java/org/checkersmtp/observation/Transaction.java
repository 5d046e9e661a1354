package org.checkersmtp.observation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** One MAIL/RCPT probe, always ended by RSET, never by DATA. */
public record Transaction(
        @JsonInclude(JsonInclude.Include.ALWAYS) TransactionKind kind,
        /** The reverse-path as sent, without brackets ("" for the null sender). */
        @JsonProperty("mail_from") @JsonInclude(JsonInclude.Include.ALWAYS) String mailFrom,
        /** The forward-path as sent, without brackets; absent when RCPT was not sent. */
        @JsonProperty("rcpt_to") String rcptTo,
        /** MAIL and RCPT were sent in one batch (RFC 2920). */
        boolean pipelined,
        /** Sent inside the TLS session. */
        boolean tls,
        Reply mail,
        Reply rcpt,
        Reply rset,
        /** Why the transaction did not complete (session limit, deadline, connection lost). */
        String error) {
}
