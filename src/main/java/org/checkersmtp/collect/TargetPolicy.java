package org.checkersmtp.collect;

import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import org.checkersmtp.observation.IpAddresses;

/**
 * Which addresses the service may open port-25 connections to. A hostile domain can publish an MX
 * pointing anywhere: without this, the checker would become a port-25 scanner of its own network.
 * Loopback, private, shared (CGNAT), link-local, unique-local, multicast, documentation, benchmarking
 * and other reserved ranges are refused unless {@code checker.targets.allow-private=true}.
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
            Range.of("2001::/23", "IETF protocol assignments (RFC 2928)"),
            Range.of("2001:db8::/32", "documentation"),
            Range.of("3fff::/20", "documentation (RFC 9637)"),
            Range.of("5f00::/16", "segment routing SIDs (RFC 9602)"),
            Range.of("fc00::/7", "unique local (ULA)"),
            Range.of("fe80::/10", "link-local"),
            Range.of("fec0::/10", "site-local (deprecated)"),
            Range.of("ff00::/8", "multicast"));

    private final boolean allowPrivate;

    public TargetPolicy(boolean allowPrivate) {
        this.allowPrivate = allowPrivate;
    }

    /** Why this address must not be contacted, or empty when it may be. */
    public Optional<String> refusal(InetAddress address) {
        if (allowPrivate) {
            return Optional.empty();
        }
        InetAddress effective = embeddedIpv4(address).orElse(address);
        for (Range range : RESERVED) {
            if (range.contains(effective)) {
                String via = effective == address ? "" : " (embedded in " + IpAddresses.text(address) + ")";
                return Optional.of(IpAddresses.text(effective) + " is in a " + range.description + " range "
                        + range.cidr + via + ": not contacted (checker.targets.allow-private=false)");
            }
        }
        return Optional.empty();
    }

    /** IPv4-mapped (::ffff:a.b.c.d), NAT64 (64:ff9b::a.b.c.d) and 6to4 (2002:ab.cd::) addresses carry an IPv4 target. */
    private static Optional<InetAddress> embeddedIpv4(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return Optional.empty();
        }
        byte[] b = address.getAddress();
        byte[] v4 = null;
        if (isPrefix(b, new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff})
                || isPrefix(b, new byte[] {0, 0x64, (byte) 0xff, (byte) 0x9b, 0, 0, 0, 0, 0, 0, 0, 0})) {
            v4 = new byte[] {b[12], b[13], b[14], b[15]};
        } else if (b[0] == 0x20 && b[1] == 0x02) {
            v4 = new byte[] {b[2], b[3], b[4], b[5]};
        }
        if (v4 == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByAddress(v4));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static boolean isPrefix(byte[] address, byte[] prefix) {
        for (int i = 0; i < prefix.length; i++) {
            if (address[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private record Range(String cidr, String description, BigInteger network, int bits, boolean v6) {

        static Range of(String cidr, String description) {
            String[] parts = cidr.split("/");
            try {
                InetAddress base = InetAddress.getByName(parts[0]);
                return new Range(cidr, description, new BigInteger(1, base.getAddress()),
                        Integer.parseInt(parts[1]), base instanceof Inet6Address);
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException(cidr, e);
            }
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
