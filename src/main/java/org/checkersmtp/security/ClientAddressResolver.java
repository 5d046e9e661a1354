package org.checkersmtp.security;

import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.checkersmtp.observation.IpAddresses;
import org.springframework.stereotype.Component;

/**
 * The client's IP address, for rate limits and the API's network policy. Behind a reverse proxy the
 * socket peer is the proxy, so forwarded headers are read — but only when the peer is one of
 * {@code checker.security.trusted-proxies}: anyone else could write any address into them.
 *
 * <p>The chain is walked from the right (the hop nearest to us) and stops at the first address that is
 * not a trusted proxy: the leftmost entries were written by the client and prove nothing. The standard
 * {@code Forwarded} header (RFC 7239) is preferred to {@code X-Forwarded-For} when both are present.
 */
@Component
public class ClientAddressResolver {

    private final IpNetworks trustedProxies;

    public ClientAddressResolver(CheckerSecurityProperties properties) {
        this.trustedProxies = properties.trustedProxyNetworks();
    }

    public InetAddress resolve(HttpServletRequest request) {
        InetAddress client = IpAddresses.parse(request.getRemoteAddr())
                .orElseThrow(() -> new IllegalStateException("socket peer is not an IP address: "
                        + request.getRemoteAddr()));
        if (!trustedProxies.contains(client)) {
            return client;
        }
        List<String> hops = forwardedChain(request);
        for (int i = hops.size() - 1; i >= 0 && trustedProxies.contains(client); i--) {
            Optional<InetAddress> hop = IpAddresses.parse(hops.get(i));
            if (hop.isEmpty()) {
                break; // "unknown", an obfuscated name or garbage: the last proxy is as far as we can see
            }
            client = hop.get();
        }
        return client;
    }

    /** Addresses from the forwarded headers, client first, ports removed; every header line in order. */
    private static List<String> forwardedChain(HttpServletRequest request) {
        List<String> hops = new ArrayList<>();
        for (String header : Collections.list(request.getHeaders("Forwarded"))) {
            for (String element : header.split(",")) {
                hops.add(forValue(element));
            }
        }
        if (!hops.isEmpty()) {
            return hops;
        }
        for (String header : Collections.list(request.getHeaders("X-Forwarded-For"))) {
            for (String hop : header.split(",")) {
                hops.add(withoutPort(hop.strip()));
            }
        }
        return hops;
    }

    /** The node of a Forwarded element's {@code for=} pair: {@code for="[2001:db8::1]:4711"} → {@code [2001:db8::1]}. */
    private static String forValue(String element) {
        for (String pair : element.split(";")) {
            String[] kv = pair.strip().split("=", 2);
            if (kv.length == 2 && kv[0].strip().toLowerCase(Locale.ROOT).equals("for")) {
                String node = kv[1].strip();
                if (node.length() >= 2 && node.startsWith("\"") && node.endsWith("\"")) {
                    node = node.substring(1, node.length() - 1);
                }
                return withoutPort(node);
            }
        }
        return "";
    }

    /** {@code [2001:db8::1]:443} → {@code [2001:db8::1]}, {@code 192.0.2.1:443} → {@code 192.0.2.1}; a bare IPv6 stays. */
    private static String withoutPort(String node) {
        if (node.startsWith("[")) {
            int close = node.indexOf(']');
            return close < 0 ? node : node.substring(0, close + 1);
        }
        int colon = node.indexOf(':');
        return colon >= 0 && colon == node.lastIndexOf(':') ? node.substring(0, colon) : node;
    }
}
