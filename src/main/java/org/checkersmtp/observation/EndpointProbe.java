package org.checkersmtp.observation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** Everything seen while probing one address of one MX target: DNS facts and the SMTP session. */
public record EndpointProbe(
        /** The MX target (host name, or the literal itself) this address belongs to. */
        @JsonInclude(JsonInclude.Include.ALWAYS) String target,
        @JsonInclude(JsonInclude.Include.ALWAYS) int preference,
        @JsonInclude(JsonInclude.Include.ALWAYS) String address,
        @JsonInclude(JsonInclude.Include.ALWAYS) IpFamily family,
        @JsonProperty("reverse_dns") ReverseDns reverseDns,
        Connect connect,
        Greeting greeting,
        /** Reply to EHLO. */
        Reply ehlo,
        /** Reply to HELO, only when EHLO was refused and HELO was tried. */
        Reply helo,
        /** Extensions advertised before TLS, in the server's order (AUTH here means AUTH over plaintext). */
        List<Extension> extensions,
        StartTls starttls,
        List<Transaction> transactions,
        Reply quit,
        List<TranscriptLine> transcript,
        @JsonInclude(JsonInclude.Include.ALWAYS) SessionEnd end,
        @JsonProperty("duration_ms") long durationMs) {

    public EndpointProbe {
        extensions = extensions == null ? List.of() : List.copyOf(extensions);
        transactions = transactions == null ? List.of() : List.copyOf(transactions);
        transcript = transcript == null ? List.of() : List.copyOf(transcript);
    }

    public EndpointProbe withReverseDns(ReverseDns reverse) {
        return new EndpointProbe(target, preference, address, family, reverse, connect, greeting, ehlo, helo,
                extensions, starttls, transactions, quit, transcript, end, durationMs);
    }

    public EndpointProbe withEnd(SessionEnd newEnd) {
        return new EndpointProbe(target, preference, address, family, reverseDns, connect, greeting, ehlo, helo,
                extensions, starttls, transactions, quit, transcript, newEnd, durationMs);
    }

    /** An endpoint that was not contacted: refused by policy, or never reached before the collect deadline. */
    public static EndpointProbe notContacted(String target, int preference, String address, IpFamily family,
                                             ConnectFailure failure, EndReason reason, Phase phase, String detail) {
        return new EndpointProbe(target, preference, address, family, null,
                new Connect(false, failure, detail, 0), null, null, null, null, null, null, null,
                java.util.List.of(new TranscriptLine(TranscriptLine.EVENT, 0, detail)),
                new SessionEnd(reason, phase, detail), 0);
    }

    /** The label rules and reports use for this endpoint: "mx.example.com (192.0.2.1)". */
    public String label() {
        return target.equals(address) ? address : target + " (" + address + ")";
    }

    /** The state subject for this endpoint: "mx.example.com/192.0.2.1". */
    public String subject() {
        return target + "/" + address;
    }

    public boolean connected() {
        return connect != null && connect.ok();
    }

    public boolean advertises(String keyword) {
        return extensions.stream().anyMatch(e -> e.name().equalsIgnoreCase(keyword));
    }

    public java.util.Optional<Transaction> transaction(TransactionKind kind) {
        return transactions.stream().filter(t -> t.kind() == kind).findFirst();
    }
}
