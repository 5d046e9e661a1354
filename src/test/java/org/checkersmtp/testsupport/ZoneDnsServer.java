package org.checkersmtp.testsupport;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.BindException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Master;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * A small DNS server for tests, built on dnsjava: answers from zone-file text over UDP and TCP on
 * one loopback port, chases in-zone CNAMEs as a resolver would, and can be told to misbehave for a
 * name (SERVFAIL, REFUSED, no answer at all, or truncation that forces TCP).
 */
public final class ZoneDnsServer implements AutoCloseable {

    /** DROP_FIRST: the first UDP query for the name is lost, as a datagram on a congested path is. */
    public enum Misbehaviour { SERVFAIL, REFUSED, DROP, DROP_FIRST, TRUNCATE }

    private final Map<Name, List<Record>> records = new HashMap<>();
    private final Map<Name, Misbehaviour> misbehaviours = new ConcurrentHashMap<>();
    private final DatagramSocket udp;
    private final ServerSocket tcp;
    private final AtomicInteger tcpQueries = new AtomicInteger();
    private final AtomicInteger udpQueries = new AtomicInteger();

    public ZoneDnsServer(String zoneText) {
        try {
            Master master = new Master(new ByteArrayInputStream(zoneText.getBytes(StandardCharsets.UTF_8)), Name.root, 300);
            for (Record r = master.nextRecord(); r != null; r = master.nextRecord()) {
                records.computeIfAbsent(r.getName(), n -> new ArrayList<>()).add(r);
            }
            InetAddress loopback = InetAddress.getByName("127.0.0.1");
            // The UDP port the kernel picks may be taken for TCP by another process: pick again.
            DatagramSocket boundUdp = null;
            ServerSocket boundTcp = null;
            for (int attempt = 0; boundTcp == null; attempt++) {
                boundUdp = new DatagramSocket(new InetSocketAddress(loopback, 0));
                try {
                    boundTcp = new ServerSocket(boundUdp.getLocalPort(), 50, loopback);
                } catch (BindException taken) {
                    boundUdp.close();
                    if (attempt == 20) {
                        throw taken;
                    }
                }
            }
            udp = boundUdp;
            tcp = boundTcp;
            // Room for a burst of queries (hundreds of checks starting at once) while one thread answers.
            udp.setReceiveBufferSize(4 << 20);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the test DNS server", e);
        }
        daemon(this::serveUdp, "zone-dns-udp");
        daemon(this::serveTcp, "zone-dns-tcp");
    }

    /** "127.0.0.1:port", as checker.dns.servers takes it. */
    public String address() {
        return "127.0.0.1:" + port();
    }

    public int port() {
        return udp.getLocalPort();
    }

    /** Makes the name misbehave so from now on; null: answer it properly again. */
    public ZoneDnsServer misbehave(String name, Misbehaviour how) {
        if (how == null) {
            misbehaviours.remove(name(name));
            return this;
        }
        misbehaviours.put(name(name), how);
        return this;
    }

    public int tcpQueries() {
        return tcpQueries.get();
    }

    public int udpQueries() {
        return udpQueries.get();
    }

    @Override
    public void close() {
        udp.close();
        try {
            tcp.close();
        } catch (IOException ignored) {
            // Closing a test server.
        }
    }

    private void serveUdp() {
        byte[] buffer = new byte[4096];
        while (!udp.isClosed()) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                udp.receive(packet);
                udpQueries.incrementAndGet();
                Message query = new Message(java.util.Arrays.copyOf(packet.getData(), packet.getLength()));
                Message response = answer(query, false);
                if (response == null) {
                    continue;
                }
                byte[] wire = response.toWire();
                udp.send(new DatagramPacket(wire, wire.length, packet.getSocketAddress()));
            } catch (IOException e) {
                if (udp.isClosed()) {
                    return;
                }
            }
        }
    }

    private void serveTcp() {
        while (!tcp.isClosed()) {
            try {
                Socket client = tcp.accept();
                daemon(() -> serveTcpClient(client), "zone-dns-tcp-client");
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serveTcpClient(Socket client) {
        try (client) {
            DataInputStream in = new DataInputStream(client.getInputStream());
            DataOutputStream out = new DataOutputStream(client.getOutputStream());
            while (true) {
                int length = in.readUnsignedShort();
                byte[] data = in.readNBytes(length);
                tcpQueries.incrementAndGet();
                Message response = answer(new Message(data), true);
                if (response == null) {
                    continue;
                }
                byte[] wire = response.toWire();
                out.writeShort(wire.length);
                out.write(wire);
                out.flush();
            }
        } catch (IOException ignored) {
            // Client done.
        }
    }

    private Message answer(Message query, boolean overTcp) {
        Record question = query.getQuestion();
        Message response = new Message(query.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        response.getHeader().setFlag(Flags.RA);
        response.addRecord(question, Section.QUESTION);
        Misbehaviour how = misbehaviours.get(question.getName());
        if (how == Misbehaviour.DROP) {
            return null;
        }
        if (how == Misbehaviour.DROP_FIRST && misbehaviours.remove(question.getName(), how)) {
            return null;
        }
        if (how == Misbehaviour.SERVFAIL || how == Misbehaviour.REFUSED) {
            response.getHeader().setRcode(how == Misbehaviour.SERVFAIL ? Rcode.SERVFAIL : Rcode.REFUSED);
            return response;
        }
        if (how == Misbehaviour.TRUNCATE && !overTcp) {
            response.getHeader().setFlag(Flags.TC);
            return response;
        }
        Name current = question.getName();
        for (int hop = 0; hop < 10; hop++) {
            List<Record> here = records.containsKey(current) ? records.get(current) : wildcard(current);
            List<Record> matching = here.stream().filter(r -> r.getType() == question.getType()).toList();
            if (!matching.isEmpty()) {
                matching.forEach(r -> response.addRecord(r, Section.ANSWER));
                return response;
            }
            CNAMERecord cname = (CNAMERecord) here.stream().filter(r -> r.getType() == Type.CNAME).findFirst()
                    .orElse(null);
            if (cname == null || question.getType() == Type.CNAME) {
                if (here.isEmpty() && !hasDescendant(current)) {
                    response.getHeader().setRcode(Rcode.NXDOMAIN);
                }
                return response;
            }
            response.addRecord(cname, Section.ANSWER);
            current = cname.getTarget();
        }
        return response;
    }

    /** Records of the closest "*.parent" owner, renamed to the name asked (RFC 4592, without its finer points). */
    private List<Record> wildcard(Name name) {
        for (int strip = 1; strip < name.labels(); strip++) {
            Name parent = new Name(name, strip);
            if (hasDescendant(parent) && !records.containsKey(name)) {
                try {
                    List<Record> synthesised = records.getOrDefault(Name.concatenate(Name.fromConstantString("*"), parent),
                            List.of()).stream().map(r -> r.withName(name)).toList();
                    if (!synthesised.isEmpty()) {
                        return synthesised;
                    }
                } catch (org.xbill.DNS.NameTooLongException e) {
                    return List.of();
                }
            }
        }
        return List.of();
    }

    private boolean hasDescendant(Name name) {
        return records.keySet().stream().anyMatch(n -> n.subdomain(name) && !n.equals(name));
    }

    private static Name name(String text) {
        try {
            return Name.fromString(text, Name.root);
        } catch (org.xbill.DNS.TextParseException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    private static void daemon(Runnable body, String name) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
    }
}
