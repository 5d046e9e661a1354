package org.checkersmtp.tlsposture;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.checkersmtp.observation.DaneLookup;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.ResolverConfig;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TLSARecord;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;
import org.xbill.DNS.dnssec.ValidatingResolver;

/**
 * The sibling's DNS questions, asked of the configured resolvers without a cache: TXT records
 * (MTA-STS, TLS-RPT), addresses (the MTA-STS policy host) and TLSA records, the latter validated
 * by dnsjava's DNSSEC validator from the configured trust anchors.
 */
final class DnsClient {

    /** Answers a failed lookup is reported with, instead of "no record". */
    static final class LookupFailure extends Exception {
        LookupFailure(String message) {
            super(message, null, false, false);
        }
    }

    private final List<InetSocketAddress> servers;
    private final Duration timeout;
    private final String trustAnchors;

    DnsClient(List<InetSocketAddress> servers, Duration timeout, String trustAnchors) {
        this.servers = servers.isEmpty() ? ResolverConfig.getCurrentConfig().servers() : List.copyOf(servers);
        this.timeout = timeout;
        this.trustAnchors = trustAnchors;
    }

    /** The strings of every TXT record at {@code name} (each record's strings joined); empty when none. */
    List<String> txt(String name) throws LookupFailure {
        List<String> texts = new ArrayList<>();
        for (Record r : answer(resolver(), name, Type.TXT).getSection(Section.ANSWER)) {
            if (r instanceof TXTRecord txt) {
                texts.add(String.join("", txt.getStrings()));
            }
        }
        return texts;
    }

    /** A and AAAA addresses of {@code name}, IPv4 first. */
    List<InetAddress> addresses(String name) throws LookupFailure {
        List<InetAddress> addresses = new ArrayList<>();
        Resolver resolver = resolver();
        for (int type : new int[] {Type.A, Type.AAAA}) {
            for (Record r : answer(resolver, name, type).getSection(Section.ANSWER)) {
                if (r instanceof ARecord a) {
                    addresses.add(a.getAddress());
                } else if (r instanceof AAAARecord aaaa) {
                    addresses.add(aaaa.getAddress());
                }
            }
        }
        return addresses;
    }

    /** The TLSA RRset of {@code _25._tcp.<host>} and whether DNSSEC vouches for it. */
    DaneLookup tlsa(String host) {
        String name = "_25._tcp." + host;
        ValidatingResolver validating = new ValidatingResolver(resolver());
        try {
            validating.loadTrustAnchors(new ByteArrayInputStream(trustAnchors.getBytes(StandardCharsets.US_ASCII)));
        } catch (IOException e) {
            return new DaneLookup(host, name, DaneLookup.ERROR, List.of(), "trust anchors unusable: " + e.getMessage());
        }
        validating.setTimeout(timeout);
        Message response;
        try {
            response = validating.send(query(name, Type.TLSA));
        } catch (IOException | LookupFailure e) {
            return new DaneLookup(host, name, DaneLookup.ERROR, List.of(), e.getMessage());
        }
        int rcode = response.getRcode();
        if (rcode == Rcode.SERVFAIL) {
            String reason = validationReason(response);
            return reason == null
                    ? new DaneLookup(host, name, DaneLookup.ERROR, List.of(), "SERVFAIL from the resolver")
                    : new DaneLookup(host, name, DaneLookup.BOGUS, List.of(), reason);
        }
        if (rcode != Rcode.NOERROR && rcode != Rcode.NXDOMAIN) {
            return new DaneLookup(host, name, DaneLookup.ERROR, List.of(), Rcode.string(rcode) + " from the resolver");
        }
        List<String> records = new ArrayList<>();
        for (Record r : response.getSection(Section.ANSWER)) {
            if (r instanceof TLSARecord tlsa) {
                records.add(tlsa.rdataToString());
            }
        }
        return new DaneLookup(host, name,
                response.getHeader().getFlag(Flags.AD) ? DaneLookup.SECURE : DaneLookup.INSECURE, records, null);
    }

    /** The validator puts its reason for a bogus answer in a TXT record of a private class. */
    private static String validationReason(Message response) {
        for (Record r : response.getSection(Section.ADDITIONAL)) {
            if (r.getDClass() == ValidatingResolver.VALIDATION_REASON_QCLASS && r instanceof TXTRecord txt) {
                return String.join("", txt.getStrings());
            }
        }
        return null;
    }

    private Message answer(Resolver resolver, String name, int type) throws LookupFailure {
        Message response;
        try {
            response = resolver.send(query(name, type));
        } catch (IOException e) {
            throw new LookupFailure(Type.string(type) + " " + name + ": " + e.getMessage());
        }
        int rcode = response.getRcode();
        if (rcode != Rcode.NOERROR && rcode != Rcode.NXDOMAIN) {
            throw new LookupFailure(Type.string(type) + " " + name + ": " + Rcode.string(rcode));
        }
        return response;
    }

    private static Message query(String name, int type) throws LookupFailure {
        try {
            return Message.newQuery(Record.newRecord(Name.fromString(name, Name.root), type, DClass.IN));
        } catch (org.xbill.DNS.TextParseException e) {
            throw new LookupFailure("cannot query " + name + ": " + e.getMessage());
        }
    }

    private Resolver resolver() {
        List<Resolver> each = new ArrayList<>();
        for (InetSocketAddress server : servers) {
            SimpleResolver simple = new SimpleResolver(server);
            simple.setTimeout(timeout);
            each.add(simple);
        }
        if (each.size() == 1) {
            return each.get(0);
        }
        ExtendedResolver extended = new ExtendedResolver(each.toArray(new Resolver[0]));
        extended.setTimeout(timeout);
        return extended;
    }
}
