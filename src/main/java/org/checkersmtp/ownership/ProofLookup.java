package org.checkersmtp.ownership;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.checkersmtp.collect.CollectorProperties;
import org.checkersmtp.dns.DnsSettings;
import org.checkersmtp.i18n.Text;
import org.springframework.stereotype.Component;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Looks for {@code checker-smtp-verification=<token>} in the TXT records at {@code _checker-smtp.<domain>},
 * through the checker's resolvers ({@code checker.dns.servers}; DNSSEC not required). Bounded: one
 * deadline for the whole lookup, and one UDP answer of at most {@link #MAX_ANSWER} bytes (EDNS), never
 * retried over TCP — a proof is one short string, so a name whose TXT set does not fit has no proof.
 */
@Component
public class ProofLookup {

    static final String LABEL = "_checker-smtp";
    static final String PREFIX = "checker-smtp-verification=";
    static final int MAX_ANSWER = 1232;

    /** What the lookup found: the token, no token (the name, or its TXT record, is not there), or no answer. */
    enum Outcome { FOUND, ABSENT, FAILED }

    /** @param reason why the lookup told nothing (FAILED), or what it saw instead (ABSENT), for the reader */
    record Result(Outcome outcome, Text reason) {
    }

    private final DnsSettings dns;
    private final Duration timeout;

    public ProofLookup(CollectorProperties collector, OwnershipProperties ownership) {
        this.dns = DnsSettings.of(collector.dns().servers(), collector.dns().timeout());
        this.timeout = ownership.ownership().lookupTimeout();
    }

    /** The name to publish the token at. */
    static String recordName(String domain) {
        return LABEL + "." + domain;
    }

    /** The TXT value to publish. */
    static String recordValue(String token) {
        return PREFIX + token;
    }

    Result find(String domain, String token) {
        Message query;
        try {
            query = Message.newQuery(Record.newRecord(Name.fromString(recordName(domain) + "."), Type.TXT, DClass.IN));
        } catch (TextParseException e) {
            return new Result(Outcome.FAILED, Text.of("ownership.lookup.not_a_name"));
        }
        Resolver resolver = dns.resolver(timeout);
        resolver.setEDNS(0, MAX_ANSWER, 0, List.of());
        resolver.setIgnoreTruncation(true);
        Message answer;
        try {
            answer = resolver.sendAsync(query).toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return new Result(Outcome.FAILED, Text.of("ownership.lookup.timeout", "ms", timeout.toMillis()));
        } catch (ExecutionException e) {
            return new Result(Outcome.FAILED, Text.of("ownership.lookup.resolver_failed",
                    "error", e.getCause().getClass().getSimpleName()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(Outcome.FAILED, Text.of("ownership.lookup.interrupted"));
        }
        int rcode = answer.getRcode();
        if (rcode == Rcode.NXDOMAIN) {
            return new Result(Outcome.ABSENT, Text.of("ownership.lookup.no_name", "name", recordName(domain)));
        }
        if (rcode != Rcode.NOERROR) {
            return new Result(Outcome.FAILED, Text.of("ownership.lookup.rcode", "rcode", Rcode.string(rcode)));
        }
        String expected = recordValue(token);
        for (Record r : answer.getSection(Section.ANSWER)) {
            if (r instanceof TXTRecord txt && String.join("", txt.getStrings()).equals(expected)) {
                return new Result(Outcome.FOUND, null);
            }
        }
        if (answer.getHeader().getFlag(Flags.TC)) {
            return new Result(Outcome.FAILED, Text.of("ownership.lookup.too_big", "name", recordName(domain),
                    "bytes", MAX_ANSWER));
        }
        return new Result(Outcome.ABSENT, Text.of("ownership.lookup.no_record", "value", expected,
                "name", recordName(domain)));
    }
}
