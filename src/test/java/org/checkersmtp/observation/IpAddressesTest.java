package org.checkersmtp.observation;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IpAddressesTest {

    @ParameterizedTest
    @CsvSource({"::1, ::1", "::, ::", "2001:db8:0:0:0:0:0:1, 2001:db8::1", "2001:DB8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
        "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1", "fe80:0:0:0:0:0:0:0, fe80::", "0:0:0:0:0:0:0:5, ::5",
        "2a00:1450:4007:80c:0:0:0:201a, 2a00:1450:4007:80c::201a", "192.0.2.1, 192.0.2.1"})
    void rfc5952(String input, String expected) throws Exception {
        assertThat(IpAddresses.text(InetAddress.getByName(input))).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"192.0.2.1, 192.0.2.1, IPV4", "[2001:DB8:0:0:0:0:0:1], 2001:db8::1, IPV6", "' ::1 ', ::1, IPV6",
        "::ffff:8.8.8.8, 8.8.8.8, IPV4"})
    void literalsAreParsedWithTheirFamily(String literal, String text, IpFamily family) {
        InetAddress address = IpAddresses.parse(literal).orElseThrow();
        assertThat(IpAddresses.text(address)).isEqualTo(text);
        assertThat(IpAddresses.family(address)).isEqualTo(family);
        assertThat(IpAddresses.isLiteral(literal)).isTrue();
    }

    /** Each would be a DNS query, an interface lookup or a JDK shorthand ("1.2.3" is 1.2.0.3) if it reached InetAddress. */
    @ParameterizedTest
    @CsvSource({"mx.example.com", "cafe", "deadbeef", "1.2.3", "256.1.1.1", "fe80::1%eth0", "[mx.example.com]", "''"})
    void namesAndMalformedLiteralsAreNotAddresses(String text) {
        assertThat(IpAddresses.parse(text)).isEmpty();
        assertThat(IpAddresses.isLiteral(text)).isFalse();
    }

    @Test
    void nullIsNoAddress() {
        assertThat(IpAddresses.parse(null)).isEqualTo(Optional.empty());
    }
}
