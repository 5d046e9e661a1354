package org.checkersmtp.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class TargetPolicyTest {

    private final TargetPolicy strict = new TargetPolicy(false);
    private final TargetPolicy permissive = new TargetPolicy(true);

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.0.0.3", "10.1.2.3", "172.16.0.1", "172.31.255.254", "192.168.1.1",
        "100.64.0.1", "169.254.169.254", "0.0.0.0", "192.0.2.7", "198.51.100.1", "203.0.113.9", "224.0.0.1",
        "255.255.255.255", "198.18.0.1", "::1", "::", "fe80::1", "fd00::25", "fc12::1", "ff02::1", "2001:db8::25",
        "::ffff:127.0.0.1", "::ffff:10.0.0.1", "64:ff9b::a00:1", "2002:c0a8:0101::1", "3fff::1"})
    void refusesAddressesAHostileMxCouldUseToScanTheInternalNetwork(String ip) throws Exception {
        InetAddress address = InetAddress.getByName(ip);
        assertThat(strict.refusal(address)).as(ip).isPresent();
        assertThat(strict.refusal(address).get()).contains("not contacted");
        assertThat(permissive.refusal(address)).as(ip).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "1.1.1.1", "172.32.0.1", "100.128.0.1", "192.0.3.1", "11.0.0.1",
        "2a00:1450:4007:80c::201a", "2606:4700::6810:84e5", "::ffff:8.8.8.8", "64:ff9b::808:808", "2002:0808:0808::1"})
    void allowsPublicAddresses(String ip) throws Exception {
        assertThat(strict.refusal(InetAddress.getByName(ip))).as(ip).isEmpty();
    }

    /**
     * Every IPv6 form that carries an IPv4 address, with a refused and an allowed IPv4 inside.
     * Built from bytes, so that the JDK cannot turn a mapped address into an IPv4 one first.
     */
    static Stream<Arguments> embeddedIpv4() {
        return Stream.of(
                // form, address, refused, what the reason names
                Arguments.of("IPv4-compatible", "::7f00:33", true, "127.0.0.51"),
                Arguments.of("IPv4-compatible", "::a00:1", true, "10.0.0.1"),
                Arguments.of("IPv4-compatible", "::a9fe:a9fe", true, "169.254.169.254"),
                Arguments.of("IPv4-compatible", "::808:808", true, "deprecated"),
                Arguments.of("IPv4-translated", "::ffff:0:7f00:33", true, "127.0.0.51"),
                Arguments.of("IPv4-translated", "::ffff:0:c0a8:101", true, "192.168.1.1"),
                Arguments.of("IPv4-translated", "::ffff:0:808:808", true, "RFC 2765"),
                Arguments.of("IPv4-mapped", "::ffff:7f00:33", true, "127.0.0.51"),
                Arguments.of("IPv4-mapped", "::ffff:a9fe:a9fe", true, "169.254.169.254"),
                Arguments.of("IPv4-mapped", "::ffff:808:808", false, null),
                Arguments.of("6to4", "2002:7f00:33::1", true, "127.0.0.51"),
                Arguments.of("6to4", "2002:a9fe:a9fe::25", true, "169.254.169.254"),
                Arguments.of("6to4", "2002:808:808::1", false, null),
                Arguments.of("NAT64", "64:ff9b::7f00:33", true, "127.0.0.51"),
                Arguments.of("NAT64", "64:ff9b::ac10:1", true, "172.16.0.1"),
                Arguments.of("NAT64", "64:ff9b::808:808", false, null),
                Arguments.of("NAT64 local use", "64:ff9b:1::7f00:33", true, "RFC 8215"),
                Arguments.of("NAT64 local use", "64:ff9b:1::808:808", true, "RFC 8215"),
                // Teredo: server 65.54.227.120, client 127.0.0.51 and 8.8.8.8 obfuscated (inverted) in the last 32 bits.
                Arguments.of("Teredo", "2001:0:4136:e378:8000:63bf:80ff:ffcc", true, "Teredo"),
                Arguments.of("Teredo", "2001:0:4136:e378:8000:63bf:f7f7:f7f7", true, "Teredo"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("embeddedIpv4")
    void ipv6FormsCarryingARefusedIpv4AreRefused(String form, String ip, boolean refused, String named)
            throws Exception {
        InetAddress address = Inet6Address.getByAddress(null, InetAddress.getByName(ip).getAddress().length == 16
                ? InetAddress.getByName(ip).getAddress() : mapped(InetAddress.getByName(ip).getAddress()), null);
        assertThat(address).isInstanceOf(Inet6Address.class);
        if (refused) {
            assertThat(strict.refusal(address)).as(form + " " + ip).hasValueSatisfying(reason ->
                    assertThat(reason).contains(named).contains("not contacted"));
        } else {
            assertThat(strict.refusal(address)).as(form + " " + ip).isEmpty();
        }
        assertThat(permissive.refusal(address)).isEmpty();
    }

    /** The JDK parses "::ffff:a.b.c.d" to an IPv4 address: put the 16 bytes back. */
    private static byte[] mapped(byte[] v4) {
        byte[] b = new byte[16];
        b[10] = (byte) 0xff;
        b[11] = (byte) 0xff;
        System.arraycopy(v4, 0, b, 12, 4);
        return b;
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.1", "::1", "fd00::1"})
    void refusalNamesTheRange(String ip) throws Exception {
        String reason = strict.refusal(InetAddress.getByName(ip)).orElseThrow();
        assertThat(reason).containsAnyOf("private", "loopback", "unique local");
    }

    @Test
    void withoutAnAllowListEveryDomainMayBeChecked() {
        assertThat(strict.domainRefusal("example.org")).isEmpty();
    }

    @Test
    void anAllowListAdmitsItsDomainsAndTheirSubdomainsOnly() {
        TargetPolicy customers = new TargetPolicy(false, List.of("Example.COM.", "xn--bcher-kva.example"));
        assertThat(customers.domainRefusal("example.com")).isEmpty();
        assertThat(customers.domainRefusal("mail.example.com")).isEmpty();
        assertThat(customers.domainRefusal("xn--bcher-kva.example")).isEmpty();
        assertThat(customers.domainRefusal("notexample.com")).as("a suffix is whole labels").hasValue(
                "notexample.com is not a domain this instance checks: it checks example.com, xn--bcher-kva.example "
                        + "and their subdomains only (checker.targets.allowed-domains)");
        assertThat(customers.domainRefusal("example.com.evil.test")).isPresent();
    }

    @Test
    void anAllowListEntryThatIsNotAHostNameStopsTheStartUpNamingIt() {
        assertThatThrownBy(() -> new TargetPolicy(false, List.of("example.com", "exa mple.org")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("checker.targets.allowed-domains[1] must not contain a space");
    }
}
