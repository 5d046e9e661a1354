package org.checkersmtp.collect.dns;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.checkersmtp.dns.DnsSettings;
import org.checkersmtp.observation.AddressResolution;
import org.checkersmtp.observation.MxLookup;
import org.checkersmtp.observation.MxRecord;
import org.checkersmtp.observation.ReverseDns;
import org.checkersmtp.testsupport.ZoneDnsServer;
import org.checkersmtp.testsupport.ZoneDnsServer.Misbehaviour;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DnsInspectorTest {

    private static final String ZONE = String.join("\n",
            "good.test. 300 IN MX 20 mx2.good.test.",
            "good.test. 300 IN MX 10 mx1.good.test.",
            "good.test. 300 IN MX 10 a-mx.good.test.",
            "mx1.good.test. 300 IN A 192.0.2.1",
            "mx1.good.test. 300 IN AAAA 2001:db8::1",
            "mx2.good.test. 300 IN A 192.0.2.2",
            "a-mx.good.test. 300 IN A 192.0.2.3",
            "nullmx.test. 300 IN MX 0 .",
            "nomx.test. 300 IN A 192.0.2.10",
            "nomx.test. 300 IN AAAA 2001:db8::10",
            "nothing.test. 300 IN TXT \"no mail here\"",
            "broken.test. 300 IN MX 10 mx.broken.test.",
            "literal.test. 300 IN MX 10 192.0.2.20.",
            "literal.test. 300 IN MX 20 [192.0.2.21].",
            "cname.test. 300 IN MX 10 alias.cname.test.",
            "alias.cname.test. 300 IN CNAME hop.cname.test.",
            "hop.cname.test. 300 IN CNAME real.cname.test.",
            "real.cname.test. 300 IN A 192.0.2.30",
            "loop.test. 300 IN MX 10 a.loop.test.",
            "a.loop.test. 300 IN CNAME b.loop.test.",
            "b.loop.test. 300 IN CNAME a.loop.test.",
            "unresolved.test. 300 IN MX 10 gone.unresolved.test.",
            "unresolved.test. 300 IN MX 20 noaddr.unresolved.test.",
            "unresolved.test. 300 IN MX 30 fail.unresolved.test.",
            "noaddr.unresolved.test. 300 IN TXT \"exists\"",
            "v6only.test. 300 IN MX 10 mx.v6only.test.",
            "mx.v6only.test. 300 IN AAAA 2001:db8::6",
            "servfail.test. 300 IN MX 10 mx1.good.test.",
            "slow.test. 300 IN MX 10 mx1.good.test.",
            "big.test. 300 IN MX 10 mx1.good.test.",
            "truncated.test. 300 IN MX 10 mx1.good.test.",
            "1.2.0.192.in-addr.arpa. 300 IN PTR mx1.good.test.",
            "2.2.0.192.in-addr.arpa. 300 IN PTR elsewhere.good.test.",
            "elsewhere.good.test. 300 IN A 198.51.100.99",
            "6.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa. 300 IN PTR mx.v6only.test.",
            many());

    private static String many() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            out.append("many.test. 300 IN MX ").append(i).append(" mx").append(i).append(".many.test.\n");
            out.append("mx").append(i).append(".many.test. 300 IN A 192.0.2.").append(100 + i).append('\n');
        }
        return out.toString();
    }

    private static ZoneDnsServer dns;
    private static DnsInspector inspector;

    @BeforeAll
    static void start() {
        dns = new ZoneDnsServer(ZONE)
                .misbehave("servfail.test", Misbehaviour.SERVFAIL)
                .misbehave("slow.test", Misbehaviour.DROP)
                .misbehave("truncated.test", Misbehaviour.TRUNCATE)
                .misbehave("fail.unresolved.test", Misbehaviour.SERVFAIL);
        inspector = new DnsInspector(DnsSettings.of(List.of(dns.address()), Duration.ofMillis(500)));
    }

    @AfterAll
    static void stop() {
        dns.close();
    }

    @Test
    void severalMxSortedByPreferenceThenNameWithTheirAddresses() {
        MxLookup mx = inspector.lookupMx("good.test").join();
        assertThat(mx.error()).isNull();
        assertThat(mx.records()).extracting(MxRecord::preference, MxRecord::target).containsExactly(
                org.assertj.core.groups.Tuple.tuple(10, "a-mx.good.test"),
                org.assertj.core.groups.Tuple.tuple(10, "mx1.good.test"),
                org.assertj.core.groups.Tuple.tuple(20, "mx2.good.test"));
        MxRecord mx1 = mx.records().get(1);
        assertThat(mx1.ipv4()).containsExactly("192.0.2.1");
        assertThat(mx1.ipv6()).containsExactly("2001:db8::1");
        assertThat(mx1.resolution()).isEqualTo(AddressResolution.OK);
        assertThat(mx.raw()).hasSize(3).allMatch(line -> line.contains("MX"));
    }

    @Test
    void nullMx() {
        MxLookup mx = inspector.lookupMx("nullmx.test").join();
        assertThat(mx.nullMx()).isTrue();
        assertThat(mx.records()).isEmpty();
        assertThat(mx.raw()).singleElement().asString().endsWith("MX\t0 .");
    }

    @Test
    void noMxFallsBackToTheDomainsOwnAddresses() {
        MxLookup mx = inspector.lookupMx("nomx.test").join();
        assertThat(mx.implicitMx()).isTrue();
        assertThat(mx.records()).singleElement().satisfies(r -> {
            assertThat(r.target()).isEqualTo("nomx.test");
            assertThat(r.preference()).isZero();
            assertThat(r.ipv4()).containsExactly("192.0.2.10");
            assertThat(r.resolution()).isEqualTo(AddressResolution.OK);
        });
    }

    @Test
    void noMxAndNoAddress() {
        MxLookup mx = inspector.lookupMx("nothing.test").join();
        assertThat(mx.implicitMx()).isTrue();
        assertThat(mx.records().get(0).resolution()).isEqualTo(AddressResolution.NO_ADDRESS);
    }

    @Test
    void nxdomainDomain() {
        MxLookup mx = inspector.lookupMx("absent.test").join();
        assertThat(mx.nxdomain()).isTrue();
        assertThat(mx.error()).isNull();
        assertThat(mx.records()).isEmpty();
    }

    @Test
    void servfailIsAFailureNotNoMx() {
        MxLookup mx = inspector.lookupMx("servfail.test").join();
        assertThat(mx.error()).contains("SERVFAIL").contains("servfail.test");
        assertThat(mx.implicitMx()).isFalse();
        assertThat(mx.nxdomain()).isFalse();
    }

    @Test
    void aLostDatagramIsAskedAgainWithinTheTimeout() {
        dns.misbehave("good.test", ZoneDnsServer.Misbehaviour.DROP_FIRST);
        MxLookup mx = inspector.lookupMx("good.test").join();
        assertThat(mx.error()).isNull();
        assertThat(mx.records()).isNotEmpty();
    }

    @Test
    void aTimeoutIsAFailureNotNoMx() {
        long t0 = System.nanoTime();
        MxLookup mx = inspector.lookupMx("slow.test").join();
        assertThat(mx.error()).contains("timeout");
        assertThat(mx.implicitMx()).isFalse();
        assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(3000);
    }

    @Test
    void truncatedAnswersAreRetriedOverTcp() {
        int before = dns.tcpQueries();
        MxLookup mx = inspector.lookupMx("truncated.test").join();
        assertThat(mx.error()).isNull();
        assertThat(mx.records()).extracting(MxRecord::target).containsExactly("mx1.good.test");
        assertThat(dns.tcpQueries()).isGreaterThan(before);
    }

    @Test
    void ipLiteralTargetsAreRecognisedBracketedOrNot() {
        MxLookup mx = inspector.lookupMx("literal.test").join();
        assertThat(mx.records()).hasSize(2).allSatisfy(r -> {
            assertThat(r.ipLiteral()).isTrue();
            assertThat(r.resolution()).isEqualTo(AddressResolution.LITERAL);
        });
        assertThat(mx.records().get(0).ipv4()).containsExactly("192.0.2.20");
        assertThat(mx.records().get(1).target()).isEqualTo("[192.0.2.21]");
        assertThat(mx.records().get(1).ipv4()).containsExactly("192.0.2.21");
    }

    @Test
    void cnameTargetsRecordTheirChain() {
        MxRecord r = inspector.lookupMx("cname.test").join().records().get(0);
        assertThat(r.isCname()).isTrue();
        assertThat(r.cnameChain()).containsExactly("hop.cname.test", "real.cname.test");
        assertThat(r.ipv4()).containsExactly("192.0.2.30");
        assertThat(r.resolution()).isEqualTo(AddressResolution.OK);
    }

    @Test
    void aCnameLoopEndsAsAnError() {
        MxRecord r = inspector.lookupMx("loop.test").join().records().get(0);
        assertThat(r.resolution()).isEqualTo(AddressResolution.ERROR);
        assertThat(r.resolutionError()).contains("CNAME");
    }

    @Test
    void unresolvedTargetsAreToldApart() {
        List<MxRecord> records = inspector.lookupMx("unresolved.test").join().records();
        assertThat(records).extracting(MxRecord::resolution).containsExactly(AddressResolution.NXDOMAIN,
                AddressResolution.NO_ADDRESS, AddressResolution.ERROR);
        assertThat(records.get(2).resolutionError()).contains("SERVFAIL");
    }

    @Test
    void ipv6OnlyTarget() {
        MxRecord r = inspector.lookupMx("v6only.test").join().records().get(0);
        assertThat(r.ipv4()).isEmpty();
        assertThat(r.ipv6()).containsExactly("2001:db8::6");
    }

    @Test
    void aHostileNumberOfMxIsBounded() {
        MxLookup mx = inspector.lookupMx("many.test").join();
        assertThat(mx.records()).hasSize(DnsInspector.MAX_TARGETS);
        assertThat(mx.raw()).anyMatch(l -> l.contains("only the first 16 of 40"));
    }

    @Test
    void ptrForwardConfirmed() throws Exception {
        ReverseDns r = inspector.reverse(InetAddress.getByName("192.0.2.1")).join();
        assertThat(r.ptr()).containsExactly("mx1.good.test");
        assertThat(r.forwardConfirmed()).isTrue();
        assertThat(r.confirmedName()).isEqualTo("mx1.good.test");
        assertThat(r.forward()).containsExactly("mx1.good.test -> 192.0.2.1");
    }

    @Test
    void ptrThatDoesNotResolveBack() throws Exception {
        ReverseDns r = inspector.reverse(InetAddress.getByName("192.0.2.2")).join();
        assertThat(r.ptr()).containsExactly("elsewhere.good.test");
        assertThat(r.forwardConfirmed()).isFalse();
        assertThat(r.forward()).containsExactly("elsewhere.good.test -> 198.51.100.99");
    }

    @Test
    void noPtr() throws Exception {
        ReverseDns r = inspector.reverse(InetAddress.getByName("192.0.2.3")).join();
        assertThat(r.ptr()).isEmpty();
        assertThat(r.error()).isEqualTo("nxdomain");
        assertThat(r.forwardConfirmed()).isFalse();
    }

    @Test
    void ipv6Ptr() throws Exception {
        ReverseDns r = inspector.reverse(InetAddress.getByName("2001:db8::6")).join();
        assertThat(r.ptr()).containsExactly("mx.v6only.test");
        assertThat(r.forwardConfirmed()).isTrue();
    }

    @Test
    void anUnreachableResolverIsAFailureThatSaysWhy() throws Exception {
        int closed;
        try (java.net.DatagramSocket s = new java.net.DatagramSocket(0, InetAddress.getByName("127.0.0.1"))) {
            closed = s.getLocalPort();
        }
        MxLookup mx = new DnsInspector(DnsSettings.of(List.of("127.0.0.1:" + closed), Duration.ofMillis(300)))
                .lookupMx("good.test").join();
        assertThat(mx.error()).startsWith("MX lookup for good.test failed: ").doesNotEndWith("null");
        assertThat(mx.implicitMx()).isFalse();
    }

    @Test
    void resolverSettingsParse() {
        DnsSettings s = DnsSettings.of(List.of("127.0.0.1:5353", "[::1]:53", "192.0.2.53"), Duration.ofSeconds(1));
        assertThat(s.servers()).extracting(a -> a.getPort()).containsExactly(5353, 53, 53);
        assertThat(s.servers().get(1).getAddress().getHostAddress()).isEqualTo("0:0:0:0:0:0:0:1");
    }
}
