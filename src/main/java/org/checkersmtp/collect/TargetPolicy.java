package org.checkersmtp.collect;

import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.checkersmtp.observation.IpAddresses;
import org.checkersmtp.options.Hostnames;
import org.checkersmtp.options.InvalidOptionException;

/**
 * Which domains the service checks and which addresses it may open port-25 connections to. A hostile
 * domain can publish an MX pointing anywhere: without this, the checker would become a port-25 scanner
 * of its own network. Loopback, private, shared (CGNAT), link-local, unique-local, multicast,
 * documentation, benchmarking and other reserved ranges are refused unless
 * {@code checker.targets.allow-private=true}, and so is every IPv6 form that carries a refused IPv4
 * address (mapped, translated, compatible, NAT64, 6to4). An instance that serves only its own customers
 * lists their domains in {@code checker.targets.allowed-domains}: any other domain is refused before
 * its first DNS query.
 */
public final class TargetPolicy {

    private static final List<Range> RESERVED = List.of(
            Range.of("0.0.0.0/8", "\"this network\" (RFC 791)"),
            Range.of("10.0.0.0/8", "private (RFC 1918)"),
            Range.of("100.64.0.0/10", "shared address space / CGNAT (RFC 6598)"),
            Range.of("127.0.0.0/8", "loopback"),
            Range.of("169.254.0.0/16", "link-local"),
            Range.of("172.16.0.0/12", "private (RFC 1918)"),
            Range.of("192.0.0.0/24", "IETF protocol assignments (RFC 6890)"),
            Range.of("192.0.2.0/24", "documentation (TEST-NET-1)"),
            Range.of("192.88.99.0/24", "6to4 relay anycast (deprecated)"),
            Range.of("192.168.0.0/16", "private (RFC 1918)"),
            Range.of("198.18.0.0/15", "benchmarking (RFC 2544)"),
            Range.of("198.51.100.0/24", "documentation (TEST-NET-2)"),
            Range.of("203.0.113.0/24", "documentation (TEST-NET-3)"),
            Range.of("224.0.0.0/4", "multicast"),
            Range.of("240.0.0.0/4", "reserved (class E) / broadcast"),
            Range.of("::/128", "unspecified address"),
            Range.of("::1/128", "loopback"),
            Range.of("100::/64", "discard-only (RFC 6666)"),
            Range.of("64:ff9b:1::/48", "local-use IPv4/IPv6 translation (RFC 8215)"),
            // Teredo hides the client's IPv4 address (inverted) in its last 32 bits; no mail server is reached through it.
            Range.of("2001::/32", "Teredo tunnelling (RFC 4380)"),
            Range.of("2001::/23", "IETF protocol assignments (RFC 2928)"),
            Range.of("2001:db8::/32", "documentation"),
            Range.of("3fff::/20", "documentation (RFC 9637)"),
            Range.of("5f00::/16", "segment routing SIDs (RFC 9602)"),
            Range.of("fc00::/7", "unique local (ULA)"),
            Range.of("fe80::/10", "link-local"),
            Range.of("fec0::/10", "site-local (deprecated)"),
            Range.of("ff00::/8", "multicast"));

    /**
     * IPv6 forms that carry an IPv4 address, which is the host actually reached: each is refused when
     * its IPv4 address would be. The deprecated forms are refused whatever they carry.
     */
    private static final List<Embedding> EMBEDDINGS = List.of(
            new Embedding(Range.of("::ffff:0:0/96", "IPv4-mapped (RFC 4291)"), 12, false),
            new Embedding(Range.of("::ffff:0:0:0/96", "IPv4-translated (RFC 2765)"), 12, true),
            new Embedding(Range.of("::/96", "IPv4-compatible (RFC 4291, deprecated)"), 12, true),
            new Embedding(Range.of("64:ff9b::/96", "NAT64 well-known prefix (RFC 6052)"), 12, false),
            new Embedding(Range.of("2002::/16", "6to4 (RFC 3056)"), 2, false));

    static final String ALLOWED_DOMAINS = "checker.targets.allowed-domains";

    private final boolean allowPrivate;
    private final List<String> allowedDomains;

    public TargetPolicy(boolean allowPrivate) {
        this(allowPrivate, List.of());
    }

    /**
     * @param allowedDomains domain suffixes that may be checked, empty for any; each must be a host name
     * @throws IllegalArgumentException naming the entry of {@value #ALLOWED_DOMAINS} that is not a host name
     */
    public TargetPolicy(boolean allowPrivate, List<String> allowedDomains) {
        this.allowPrivate = allowPrivate;
        List<String> suffixes = new ArrayList<>();
        for (int i = 0; i < allowedDomains.size(); i++) {
            try {
                suffixes.add(Hostnames.normalize(ALLOWED_DOMAINS + "[" + i + "]", allowedDomains.get(i)));
            } catch (InvalidOptionException e) {
                throw new IllegalArgumentException(e.option() + " " + e.reason(), e);
            }
        }
        this.allowedDomains = List.copyOf(suffixes);
    }

    /** Why this (normalised) domain must not be checked, or empty when it may be. */
    public Optional<String> domainRefusal(String domain) {
        if (allowedDomains.isEmpty() || allowedDomains.stream().anyMatch(suffix -> Hostnames.isWithin(domain, suffix))) {
            return Optional.empty();
        }
        return Optional.of(domain + " is not a domain this instance checks: it checks "
                + String.join(", ", allowedDomains) + " and their subdomains only (" + ALLOWED_DOMAINS + ")");
    }

    /** Why this address must not be contacted, or empty when it may be. */
    public Optional<String> refusal(InetAddress address) {
        if (allowPrivate) {
            return Optional.empty();
        }
        Optional<Range> own = reserved(address);
        if (own.isPresent()) {
            return Optional.of(IpAddresses.text(address) + " is in a " + own.get().description + " range "
                    + own.get().cidr + NOT_CONTACTED);
        }
        for (Embedding embedding : EMBEDDINGS) {
            if (!embedding.form.contains(address)) {
                continue;
            }
            InetAddress v4 = embedding.ipv4(address);
            Optional<Range> carried = reserved(v4);
            if (carried.isPresent()) {
                return Optional.of(IpAddresses.text(v4) + " is in a " + carried.get().description + " range "
                        + carried.get().cidr + " (embedded in " + embedding.form.description + " address "
                        + IpAddresses.text(address) + ")" + NOT_CONTACTED);
            }
            if (embedding.deprecated) {
                return Optional.of(IpAddresses.text(address) + " is an " + embedding.form.description
                        + " address, a form no mail server uses" + NOT_CONTACTED);
            }
        }
        return Optional.empty();
    }

    private static final String NOT_CONTACTED = ": not contacted (checker.targets.allow-private=false)";

    private static Optional<Range> reserved(InetAddress address) {
        return RESERVED.stream().filter(r -> r.contains(address)).findFirst();
    }

    /** An IPv6 form with an IPv4 address in four of its bytes, from {@code offset}. */
    private record Embedding(Range form, int offset, boolean deprecated) {

        InetAddress ipv4(InetAddress address) {
            byte[] b = address.getAddress();
            try {
                return InetAddress.getByAddress(new byte[] {b[offset], b[offset + 1], b[offset + 2], b[offset + 3]});
            } catch (UnknownHostException e) {
                throw new IllegalStateException("four bytes are always an IPv4 address", e);
            }
        }
    }

    private record Range(String cidr, String description, BigInteger network, int bits, boolean v6) {

        static Range of(String cidr, String description) {
            String[] parts = cidr.split("/");
            byte[] base = IpAddresses.parse(parts[0]).orElseThrow(() -> new IllegalArgumentException(cidr)).getAddress();
            boolean v6 = parts[0].contains(":");
            if (v6 && base.length == 4) {
                // The JDK parses "::ffff:a.b.c.d" as IPv4: put the mapped prefix back.
                byte[] mapped = new byte[16];
                mapped[10] = (byte) 0xff;
                mapped[11] = (byte) 0xff;
                System.arraycopy(base, 0, mapped, 12, 4);
                base = mapped;
            }
            return new Range(cidr, description, new BigInteger(1, base), Integer.parseInt(parts[1]), v6);
        }

        boolean contains(InetAddress address) {
            if ((address instanceof Inet6Address) != v6 || !(address instanceof Inet4Address || address instanceof Inet6Address)) {
                return false;
            }
            int width = v6 ? 128 : 32;
            BigInteger value = new BigInteger(1, address.getAddress());
            return value.shiftRight(width - bits).equals(network.shiftRight(width - bits));
        }
    }
}
