package org.checkersmtp.dns;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.ResolverConfig;
import org.xbill.DNS.SimpleResolver;

/**
 * Which resolvers to ask and how long to wait for one answer.
 *
 * @param servers resolvers; empty means the system's (/etc/resolv.conf)
 * @param timeout deadline of one query, UDP and the TCP retry after truncation each
 */
public record DnsSettings(List<InetSocketAddress> servers, Duration timeout) {

    public DnsSettings {
        servers = servers == null ? List.of() : List.copyOf(servers);
    }

    /** The resolvers asked: the configured ones, else the system's. */
    public List<InetSocketAddress> effectiveServers() {
        return servers.isEmpty() ? ResolverConfig.getCurrentConfig().servers() : servers;
    }

    /**
     * The one place a dnsjava resolver is built from these settings (the collect and the TLS sibling):
     * each server waits {@code attempt} for an answer; with several, each is tried once in turn.
     */
    public Resolver resolver(Duration attempt) {
        List<Resolver> each = new ArrayList<>();
        for (InetSocketAddress server : effectiveServers()) {
            SimpleResolver simple = new SimpleResolver(server);
            simple.setTimeout(attempt);
            each.add(simple);
        }
        if (each.size() == 1) {
            return each.get(0);
        }
        ExtendedResolver extended = new ExtendedResolver(each.toArray(new Resolver[0]));
        extended.setTimeout(attempt);
        extended.setRetries(1);
        return extended;
    }

    /** Parses "host:port", "host" (port 53) and "[v6]:port" entries, as in checker.dns.servers. */
    public static DnsSettings of(List<String> servers, Duration timeout) {
        List<InetSocketAddress> parsed = new ArrayList<>();
        for (String entry : servers == null ? List.<String>of() : servers) {
            try {
                parsed.add(server(entry.trim()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("checker.dns.servers: " + e.getMessage(), e);
            }
        }
        return new DnsSettings(parsed, timeout);
    }

    /** One resolver: "host:port", "host" (port 53) or "[v6]:port"; the message of a bad one says why. */
    public static InetSocketAddress server(String entry) {
        if (entry.isEmpty()) {
            throw new IllegalArgumentException("empty resolver address");
        }
        String host = entry;
        int port = 53;
        if (entry.startsWith("[")) {
            int close = entry.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("unclosed bracket in \"" + entry + "\"");
            }
            host = entry.substring(1, close);
            if (entry.length() > close + 1) {
                port = port(entry, entry.substring(close + 1).replaceFirst("^:", ""));
            }
        } else if (entry.indexOf(':') >= 0 && entry.indexOf(':') == entry.lastIndexOf(':')) {
            host = entry.substring(0, entry.indexOf(':'));
            port = port(entry, entry.substring(entry.indexOf(':') + 1));
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("no host in \"" + entry + "\"");
        }
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) { // dnsjava would fail later on its null address, naming nothing
            throw new IllegalArgumentException("cannot resolve host \"" + host + "\"");
        }
        return address;
    }

    private static int port(String entry, String text) {
        try {
            int port = Integer.parseInt(text);
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad port in \"" + entry + "\"");
        }
    }
}
