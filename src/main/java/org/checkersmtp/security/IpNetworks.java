package org.checkersmtp.security;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.checkersmtp.observation.IpAddresses;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.security.web.util.matcher.IpAddressMatcher;

/** A list of IPv4/IPv6 networks in CIDR notation (a bare address is a /32 or /128), from one property. */
final class IpNetworks {

    private final List<IpAddressMatcher> networks;

    private IpNetworks(List<IpAddressMatcher> networks) {
        this.networks = networks;
    }

    /**
     * @param property the property the list comes from; an invalid entry's error names it with its index
     * @param cidrs    entries such as {@code 10.0.0.0/8}, {@code 2001:db8::/32}, {@code 192.0.2.7}
     */
    static IpNetworks parse(String property, List<String> cidrs) {
        List<IpAddressMatcher> parsed = new ArrayList<>();
        for (int i = 0; i < cidrs.size(); i++) {
            String name = property + "[" + i + "]";
            String cidr = cidrs.get(i) == null ? "" : cidrs.get(i).strip();
            int slash = cidr.indexOf('/');
            String address = slash < 0 ? cidr : cidr.substring(0, slash);
            String bits = slash < 0 ? null : cidr.substring(slash + 1);
            InetAddress base = IpAddresses.parse(address).orElseThrow(() -> new InvalidConfigurationPropertyValueException(
                    name, cidr, "not an IPv4 or IPv6 network in CIDR notation (e.g. 10.0.0.0/8, 2001:db8::/32)"));
            int maxBits = base.getAddress().length * 8;
            if (bits != null && !(bits.matches("\\d{1,3}") && Integer.parseInt(bits) <= maxBits)) {
                throw new InvalidConfigurationPropertyValueException(name, cidr,
                        "the prefix length must be between 0 and " + maxBits);
            }
            parsed.add(new IpAddressMatcher(base.getHostAddress() + (bits == null ? "" : "/" + bits)));
        }
        return new IpNetworks(List.copyOf(parsed));
    }

    boolean isEmpty() {
        return networks.isEmpty();
    }

    boolean contains(InetAddress address) {
        String text = address.getHostAddress();
        return networks.stream().anyMatch(network -> network.matches(text));
    }
}
