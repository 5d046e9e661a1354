package org.checkersmtp.tlsposture;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Collectors;
import org.checkersmtp.dns.DnsSettings;
import org.checkersmtp.observation.DaneLookup;
import org.checkersmtp.observation.DnssecStatus;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.Section;
import org.xbill.DNS.TLSARecord;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;
import org.xbill.DNS.dnssec.ValidatingResolver;

/**
 * The sibling's DNS questions, asked of the configured resolvers without a cache: TXT records
 * (MTA-STS, TLS-RPT), addresses (the MTA-STS policy host) and TLSA records, the latter validated
 * by dnsjava's DNSSEC validator from the configured trust anchors. One instance per check: its one
 * validator keeps the chain it fetched (its key cache) for every TLSA lookup of the check.
 */
final class DnsClient {

    /** Answers a failed lookup is reported with, instead of "no record". */
    static final class LookupFailure extends Exception {
        LookupFailure(String message) {
            super(message, null, false, false);
        }
    }

    private final List<InetSocketAddress> servers;
    private final DnsSettings settings;
    private final Resolver head;
    private final ValidatingResolver validator;
    private final String anchorsError;
    /** Per trust anchor: what the resolver did not return to validate from it (empty: the chain starts). */
    private final ConcurrentMap<Name, Optional<String>> anchorGaps = new ConcurrentHashMap<>();

    DnsClient(List<InetSocketAddress> servers, Duration timeout, String trustAnchors) {
        this.settings = new DnsSettings(servers, timeout);
        this.servers = settings.effectiveServers();
        this.head = resolver();
        this.validator = new ValidatingResolver(head);
        validator.setTimeout(timeout);
        String error = null;
        try {
            validator.loadTrustAnchors(new ByteArrayInputStream(trustAnchors.getBytes(StandardCharsets.US_ASCII)));
        } catch (IOException e) {
            error = "trust anchors unusable: " + e.getMessage();
        }
        this.anchorsError = error;
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
        if (anchorsError != null) {
            return new DaneLookup(host, name, DnssecStatus.ERROR, List.of(), anchorsError);
        }
        Message query;
        Message response;
        try {
            query = query(name, Type.TLSA);
            response = validator.send(query);
        } catch (IOException | LookupFailure e) {
            return new DaneLookup(host, name, DnssecStatus.ERROR, List.of(), e.getMessage());
        }
        int rcode = response.getRcode();
        if (rcode == Rcode.SERVFAIL) {
            String reason = validationReason(response);
            if (reason == null) {
                return new DaneLookup(host, name, DnssecStatus.ERROR, List.of(), "SERVFAIL from the resolver");
            }
            // Bogus only when the chain starts at the anchor; a resolver that cannot give it tells nothing of the zone.
            Optional<String> gap = anchorGap(query.getQuestion().getName());
            return gap.isPresent()
                    ? new DaneLookup(host, name, DnssecStatus.INDETERMINATE, List.of(), gap.get())
                    : new DaneLookup(host, name, DnssecStatus.BOGUS, List.of(), reason);
        }
        if (rcode != Rcode.NOERROR && rcode != Rcode.NXDOMAIN) {
            return new DaneLookup(host, name, DnssecStatus.ERROR, List.of(), Rcode.string(rcode) + " from the resolver");
        }
        List<String> records = new ArrayList<>();
        for (Record r : response.getSection(Section.ANSWER)) {
            if (r instanceof TLSARecord tlsa) {
                records.add(tlsa.rdataToString());
            }
        }
        return new DaneLookup(host, name,
                response.getHeader().getFlag(Flags.AD) ? DnssecStatus.SECURE : DnssecStatus.INSECURE, records, null);
    }

    /** What the resolver did not return to validate {@code name} from its closest trust anchor, once per anchor. */
    private Optional<String> anchorGap(Name name) {
        RRset anchor = validator.getTrustAnchors().find(name, DClass.IN);
        return anchor == null ? Optional.empty() : anchorGaps.computeIfAbsent(anchor.getName(), this::gapAt);
    }

    private Optional<String> gapAt(Name anchor) {
        String resolvers = servers.stream().map(s -> s.getHostString() + ":" + s.getPort())
                .collect(Collectors.joining(", "));
        String zone = anchor.toString();
        String lacks;
        try {
            Message plain = head.send(Message.newQuery(Record.newRecord(anchor, Type.DNSKEY, DClass.IN)));
            boolean keys = plain.getSection(Section.ANSWER).stream().anyMatch(r -> r.getType() == Type.DNSKEY);
            boolean signatures = plain.getSection(Section.ANSWER).stream().anyMatch(r -> r.getType() == Type.RRSIG);
            if (plain.getRcode() != Rcode.NOERROR) {
                lacks = "answered the DNSKEY query for " + zone + " with " + Rcode.string(plain.getRcode());
            } else if (!keys) {
                lacks = "returned no DNSKEY RRset for " + zone;
            } else if (!signatures) {
                lacks = "returned the DNSKEY RRset of " + zone + " without its signatures";
            } else if (!validator.send(Message.newQuery(Record.newRecord(anchor, Type.DNSKEY, DClass.IN)))
                    .getHeader().getFlag(Flags.AD)) {
                lacks = "returned a DNSKEY RRset for " + zone + " that the configured trust anchor does not validate";
            } else {
                return Optional.empty();
            }
        } catch (IOException e) {
            lacks = "did not answer the DNSKEY query for " + zone + " (" + e.getMessage() + ")";
        }
        return Optional.of("the resolver " + resolvers + " " + lacks + ", the trust anchor's zone: no DNSSEC "
                + "chain to validate from");
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
        return settings.resolver(settings.timeout());
    }
}
