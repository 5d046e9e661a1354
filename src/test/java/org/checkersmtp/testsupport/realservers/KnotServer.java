package org.checkersmtp.testsupport.realservers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/** A real Knot DNS server, authoritative for the zones given, on 127.0.0.1 and a free port. */
public final class KnotServer implements AutoCloseable {

    private final ServerProcess process;
    private final int port;
    private final Path dir;
    private int serial = 1;

    private KnotServer(ServerProcess process, int port, Path dir) {
        this.process = process;
        this.port = port;
        this.dir = dir;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** "127.0.0.1:port", as checker.dns.servers takes it. */
    public String address() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        process.close();
    }

    /**
     * The zone's key-signing keys as DNSKEY lines in master-file syntax: the trust anchor a validating
     * resolver needs for a zone Knot signed (what {@code checker.dns.trust-anchors} takes).
     */
    public String trustAnchor(String zone) {
        Instant until = Instant.now().plusSeconds(15);
        while (Instant.now().isBefore(until)) {
            try {
                SimpleResolver resolver = new SimpleResolver(new java.net.InetSocketAddress("127.0.0.1", port));
                resolver.setTimeout(Duration.ofSeconds(1));
                Message answer = resolver.send(Message.newQuery(
                        Record.newRecord(Name.fromString(zone + "."), Type.DNSKEY, DClass.IN)));
                StringBuilder anchors = new StringBuilder();
                for (Record r : answer.getSection(org.xbill.DNS.Section.ANSWER)) {
                    if (r instanceof org.xbill.DNS.DNSKEYRecord key && (key.getFlags() & 1) == 1) { // SEP: a KSK
                        anchors.append(r).append('\n');
                    }
                }
                if (anchors.length() > 0) {
                    return anchors.toString();
                }
                Thread.sleep(200);
            } catch (IOException notYet) {
                // Still signing.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new IllegalStateException("no DNSKEY for " + zone + ": " + process.log());
    }

    public static final class Builder {
        private final Map<String, String> zones = new LinkedHashMap<>();
        private final java.util.Set<String> signed = new java.util.HashSet<>();

        /** A zone Knot signs itself with DNSSEC (default policy, ECDSA P-256); see {@link #trustAnchor}. */
        public Builder signedZone(String origin, String records) {
            signed.add(origin);
            return zone(origin, records);
        }

        /** A zone and its records in zone-file syntax (relative names are relative to the zone; SOA and NS added). */
        public Builder zone(String origin, String records) {
            zones.put(origin, records);
            return this;
        }

        public KnotServer start() {
            Path knotd = RealServers.binary("knotd", "/usr/sbin/knotd");
            try {
                Path dir = Files.createTempDirectory("checker-smtp-knot-");
                Files.createDirectories(dir.resolve("zones"));
                Files.createDirectories(dir.resolve("storage"));
                StringBuilder zoneList = new StringBuilder();
                for (Map.Entry<String, String> zone : zones.entrySet()) {
                    String origin = zone.getKey();
                    Files.writeString(dir.resolve("zones").resolve(origin + ".zone"), "$ORIGIN " + origin + ".\n"
                            + "$TTL 300\n"
                            + soaAndNs(1) + zone.getValue() + "\n");
                    zoneList.append("  - domain: ").append(origin).append('\n');
                    if (signed.contains(origin)) {
                        zoneList.append("    dnssec-signing: on\n");
                    }
                }
                int port = freePort();
                Files.writeString(dir.resolve("knot.conf"), String.join("\n",
                        "server:",
                        "    rundir: \"" + dir + "\"",
                        "    listen: 127.0.0.1@" + port,
                        "    background-workers: 1",
                        "    udp-workers: 1",
                        "    tcp-workers: 1",
                        "log:",
                        "  - target: stderr",
                        "    any: warning",
                        "database:",
                        "    storage: \"" + dir.resolve("storage") + "\"",
                        "template:",
                        "  - id: default",
                        "    storage: \"" + dir.resolve("zones") + "\"",
                        "    file: \"%s.zone\"",
                        "    semantic-checks: off",
                        "zone:",
                        zoneList.toString()));
                KnotServer server = new KnotServer(ServerProcess.start(dir, "knot.log",
                        List.of(knotd.toString(), "-c", dir.resolve("knot.conf").toString())), port, dir);
                server.awaitAnswer(zones.keySet().iterator().next(), Duration.ofSeconds(15));
                return server;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static int freePort() throws IOException {
            for (int attempt = 0; attempt < 20; attempt++) {
                try (ServerSocket tcp = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
                     DatagramSocket udp = new DatagramSocket(tcp.getLocalPort(), InetAddress.getByName("127.0.0.1"))) {
                    return udp.getLocalPort();
                } catch (IOException taken) {
                    // UDP side busy: try another.
                }
            }
            throw new IOException("no free port for knotd");
        }
    }

    private static String soaAndNs(int serial) {
        return "@ IN SOA ns.invalid. hostmaster.invalid. " + serial + " 3600 600 86400 300\n@ IN NS ns.invalid.\n";
    }

    /**
     * Replaces an unsigned zone's records (as {@link Builder#zone} takes them) and has knotd load them
     * ({@code knotc zone-reload}), returning once it answers with the new serial.
     */
    public synchronized void replaceZone(String origin, String records) {
        serial++;
        try {
            Files.writeString(dir.resolve("zones").resolve(origin + ".zone"), "$ORIGIN " + origin + ".\n"
                    + "$TTL 300\n" + soaAndNs(serial) + records + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path knotc = RealServers.binary("knotc", "/usr/sbin/knotc");
        RealServers.run(List.of(knotc.toString(), "-c", dir.resolve("knot.conf").toString(), "zone-reload", origin),
                Duration.ofSeconds(10));
        Instant until = Instant.now().plusSeconds(10);
        while (Instant.now().isBefore(until)) {
            try {
                SimpleResolver resolver = new SimpleResolver(new java.net.InetSocketAddress("127.0.0.1", port));
                resolver.setTimeout(Duration.ofMillis(300));
                Message answer = resolver.send(Message.newQuery(
                        Record.newRecord(Name.fromString(origin + "."), Type.SOA, DClass.IN)));
                for (Record r : answer.getSection(org.xbill.DNS.Section.ANSWER)) {
                    if (r instanceof org.xbill.DNS.SOARecord soa && soa.getSerial() == serial) {
                        return;
                    }
                }
                Thread.sleep(100);
            } catch (IOException notYet) {
                // Reloading.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new IllegalStateException("knotd did not load serial " + serial + " of " + origin + ": " + process.log());
    }

    private void awaitAnswer(String zone, Duration timeout) {
        Instant until = Instant.now().plus(timeout);
        while (Instant.now().isBefore(until)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("knotd exited: " + process.log());
            }
            try {
                SimpleResolver resolver = new SimpleResolver(new java.net.InetSocketAddress("127.0.0.1", port));
                resolver.setTimeout(Duration.ofMillis(300));
                Message answer = resolver.send(Message.newQuery(
                        Record.newRecord(Name.fromString(zone + "."), Type.SOA, DClass.IN)));
                if (answer.getRcode() == Rcode.NOERROR) {
                    return;
                }
            } catch (IOException notYet) {
                // knotd is still loading.
            }
        }
        throw new IllegalStateException("knotd did not answer within " + timeout + ": " + process.log());
    }

}
