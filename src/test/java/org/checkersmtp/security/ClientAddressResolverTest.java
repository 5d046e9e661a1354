package org.checkersmtp.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.mock.web.MockHttpServletRequest;

class ClientAddressResolverTest {

    private final ClientAddressResolver resolver = new ClientAddressResolver(new CheckerSecurityProperties(
            List.of(), List.of("10.0.0.0/24", "2001:db8:ffff::/48"), List.of("*"), new CheckerSecurityProperties.FormLogin(true)));

    private static MockHttpServletRequest from(String peer, String... headers) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/check");
        request.setRemoteAddr(peer);
        for (int i = 0; i < headers.length; i += 2) {
            request.addHeader(headers[i], headers[i + 1]);
        }
        return request;
    }

    private String resolve(String peer, String... headers) {
        return resolver.resolve(from(peer, headers)).getHostAddress();
    }

    @Test
    void anUntrustedPeersForwardedHeadersAreIgnored() {
        assertThat(resolve("203.0.113.9", "X-Forwarded-For", "198.51.100.1")).isEqualTo("203.0.113.9");
        assertThat(resolve("203.0.113.9", "Forwarded", "for=198.51.100.1")).isEqualTo("203.0.113.9");
        assertThat(resolve("10.0.1.1", "X-Forwarded-For", "198.51.100.1")).isEqualTo("10.0.1.1");
    }

    @Test
    void aTrustedProxyIsBelievedAboutTheHopBeforeIt() {
        assertThat(resolve("10.0.0.5", "X-Forwarded-For", "198.51.100.1")).isEqualTo("198.51.100.1");
        assertThat(resolve("2001:db8:ffff::5", "X-Forwarded-For", "2001:db8:1::7")).isEqualTo("2001:db8:1:0:0:0:0:7");
    }

    @Test
    void whatTheClientWroteBeforeTheProxyAppendedIsIgnored() {
        // The client sent "X-Forwarded-For: 192.0.2.66"; the proxy appended the real address.
        assertThat(resolve("10.0.0.5", "X-Forwarded-For", "192.0.2.66, 198.51.100.1")).isEqualTo("198.51.100.1");
        // Two trusted proxies in a row are skipped; the first untrusted hop from the right is the client.
        assertThat(resolve("10.0.0.5", "X-Forwarded-For", "192.0.2.66, 198.51.100.1, 10.0.0.9"))
                .isEqualTo("198.51.100.1");
        // Several header lines are one list, in order.
        MockHttpServletRequest twoLines = from("10.0.0.5");
        twoLines.addHeader("X-Forwarded-For", "192.0.2.66");
        twoLines.addHeader("X-Forwarded-For", "198.51.100.1");
        assertThat(resolver.resolve(twoLines).getHostAddress()).isEqualTo("198.51.100.1");
    }

    @Test
    void forwardedHeaderWithPortsQuotesAndIpv6() {
        assertThat(resolve("10.0.0.5", "Forwarded", "for=192.0.2.66, for=\"[2001:db8:cafe::17]:4711\";proto=https"))
                .isEqualTo("2001:db8:cafe:0:0:0:0:17");
        assertThat(resolve("10.0.0.5", "Forwarded", "proto=https;for=198.51.100.1:5555;by=10.0.0.5"))
                .isEqualTo("198.51.100.1");
        // Forwarded wins over X-Forwarded-For when a proxy sends both.
        assertThat(resolve("10.0.0.5", "Forwarded", "for=198.51.100.1", "X-Forwarded-For", "198.51.100.2"))
                .isEqualTo("198.51.100.1");
    }

    @Test
    void garbageOrHostNamesStopAtTheLastAddressWeCanSee() {
        assertThat(resolve("10.0.0.5", "X-Forwarded-For", "evil.example")).isEqualTo("10.0.0.5");
        assertThat(resolve("10.0.0.5", "Forwarded", "for=unknown")).isEqualTo("10.0.0.5");
        assertThat(resolve("10.0.0.5", "Forwarded", "for=_hidden, for=198.51.100.1")).isEqualTo("198.51.100.1");
        assertThat(resolve("10.0.0.5", "X-Forwarded-For", "198.51.100.1:443")).isEqualTo("198.51.100.1");
        assertThat(resolve("10.0.0.5")).isEqualTo("10.0.0.5");
    }

    @Test
    void aBadTrustedProxyEntryNamesTheProperty() {
        assertThatThrownBy(() -> new ClientAddressResolver(new CheckerSecurityProperties(List.of(),
                List.of("10.0.0.0/8", "proxy.internal"), List.of("*"), new CheckerSecurityProperties.FormLogin(true))))
                .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                .hasMessageContaining("checker.security.trusted-proxies[1]").hasMessageContaining("proxy.internal");
        assertThatThrownBy(() -> new ClientAddressResolver(new CheckerSecurityProperties(List.of(),
                List.of("10.0.0.0/33"), List.of("*"), new CheckerSecurityProperties.FormLogin(true))))
                .hasMessageContaining("checker.security.trusted-proxies[0]").hasMessageContaining("between 0 and 32");
    }
}
