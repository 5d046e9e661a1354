package org.checkersmtp.collect;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
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

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.1", "::1", "fd00::1"})
    void refusalNamesTheRange(String ip) throws Exception {
        String reason = strict.refusal(InetAddress.getByName(ip)).orElseThrow();
        assertThat(reason).containsAnyOf("private", "loopback", "unique local");
    }
}
