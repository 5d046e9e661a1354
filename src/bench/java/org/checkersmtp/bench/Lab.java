package org.checkersmtp.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.checkersmtp.testsupport.ScriptedSmtpServer;
import org.checkersmtp.testsupport.ZoneDnsServer;

/**
 * Where the benchmarks run: the address plan, one zone for every bench domain (served by the test DNS
 * server), the SMTP port every bench server listens on (the checker probes one port) and the checker's
 * properties that point it at them. bench/run puts the whole run in a private network namespace, so any 127/8 address is ours;
 * the real Postfix still sits on the 127.0.0.20–29 block reserved for the benchmarks.
 */
final class Lab implements AutoCloseable {

    static final String ZONE = "bench.test";
    static final String POSTFIX_PIPELINING = "127.0.0.20";
    static final String POSTFIX_NO_PIPELINING = "127.0.0.21";
    static final String FAR_PIPELINING = "127.0.0.22";
    static final String FAR_NO_PIPELINING = "127.0.0.23";
    static final String HEALTHY = "127.0.0.24";

    static final int MAX_PARALLEL_ENDPOINTS = 20;
    static final int MAX_SLOW_CHECKS = 50;
    static final int SLOW_CHECK_ENDPOINTS = 4;
    static final int LOAD_CHECKS = 200;
    static final int LOAD_CHECK_ENDPOINTS = 2;
    static final int ADDRESSES_PER_HOST = 10;

    final Path jar;
    final Path out;
    final Figures figures;
    final int smtpPort;
    final ZoneDnsServer dns;
    /**
     * A second copy of the zone: with two resolvers the checker retries a query the other did not answer.
     * The zone server reads UDP on one thread, and under the load benchmark's burst on a busy machine it
     * can drop a datagram, which with a single resolver fails the check (see docs/benchmarks.md).
     */
    final ZoneDnsServer dnsSpare;

    Lab(Path jar, Path out, Figures figures) throws IOException {
        this.jar = jar;
        this.out = out;
        this.figures = figures;
        this.smtpPort = freePortOn(FAR_PIPELINING);
        String zone = zone();
        this.dns = new ZoneDnsServer(zone);
        this.dnsSpare = new ZoneDnsServer(zone);
    }

    static String domain(String name) {
        return name + "." + ZONE;
    }

    static String parallelAddress(int endpoint) {
        return "127.0.2." + (endpoint + 1);
    }

    static String slowAddress(int check, int endpoint) {
        return "127.3." + check + "." + (endpoint + 1);
    }

    static String loadAddress(int check, int endpoint) {
        return "127.4." + check + "." + (endpoint + 1);
    }

    /** Properties of a checker that probes the bench servers: our resolver, our port, loopback allowed. */
    Map<String, String> checkerProperties() {
        return Map.of(
                "checker.dns.servers", dns.address() + "," + dnsSpare.address(),
                "checker.smtp.port", Integer.toString(smtpPort),
                "checker.targets.allow-private", "true",
                "logging.level.root", "WARN");
    }

    /** A scripted server on the bench port that pauses before its final greeting line. */
    ScriptedSmtpServer pausingServer(String address, Duration greetPause) throws IOException {
        return ScriptedSmtpServer.builder().address(InetAddress.getByName(address)).port(smtpPort)
                .greetPause(greetPause).start();
    }

    InetSocketAddress far(String address) {
        return new InetSocketAddress(address, smtpPort);
    }

    private static String zone() {
        StringBuilder z = new StringBuilder();
        mx(z, "rt-pipelining", List.of(FAR_PIPELINING));
        mx(z, "rt-no-pipelining", List.of(FAR_NO_PIPELINING));
        mx(z, "healthy", List.of(HEALTHY));
        for (int n : List.of(1, 5, 10, MAX_PARALLEL_ENDPOINTS)) {
            List<String> addresses = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                addresses.add(parallelAddress(i));
            }
            mx(z, "parallel-" + n, addresses);
        }
        for (int k = 0; k < MAX_SLOW_CHECKS; k++) {
            List<String> addresses = new ArrayList<>();
            for (int i = 0; i < SLOW_CHECK_ENDPOINTS; i++) {
                addresses.add(slowAddress(k, i));
            }
            mx(z, "slow-" + k, addresses);
        }
        for (int c = 0; c < LOAD_CHECKS; c++) {
            List<String> addresses = new ArrayList<>();
            for (int i = 0; i < LOAD_CHECK_ENDPOINTS; i++) {
                addresses.add(loadAddress(c, i));
            }
            mx(z, "load-" + c, addresses);
        }
        return z.toString();
    }

    /**
     * The domain's MX hosts, with one A record per address: one endpoint per address. At most
     * {@value #ADDRESSES_PER_HOST} addresses per host, below the resolver's cap on addresses per name.
     */
    private static void mx(StringBuilder zone, String name, List<String> addresses) {
        String domain = domain(name) + ".";
        for (int i = 0; i < addresses.size(); i++) {
            String host = "mx" + (i / ADDRESSES_PER_HOST + 1) + "." + domain;
            if (i % ADDRESSES_PER_HOST == 0) {
                zone.append(domain).append(" 300 IN MX ").append(10 * (i / ADDRESSES_PER_HOST + 1)).append(' ')
                        .append(host).append('\n');
            }
            zone.append(host).append(" 300 IN A ").append(addresses.get(i)).append('\n');
        }
    }

    private static int freePortOn(String address) throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(address))) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        dns.close();
        dnsSpare.close();
    }
}
