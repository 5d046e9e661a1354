package org.checkersmtp.observation;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
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
}
