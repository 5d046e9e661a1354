package org.checkersmtp.options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class OptionsParserTest {

    private static Map<String, Object> opts(Object... kv) {
        Map<String, Object> map = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            map.put((String) kv[i], kv[i + 1]);
        }
        return map;
    }

    @Test
    void defaultsFollowTheSeed() {
        CheckOptions o = OptionsParser.parse(opts("domain", "Example.COM."));
        assertThat(o.domain()).isEqualTo("example.com");
        assertThat(o.timeout()).isEqualTo(Duration.ofSeconds(12));
        assertThat(o.heloName()).isEqualTo("mx-checker.happydomain.org");
        assertThat(o.testNullSender()).isTrue();
        assertThat(o.testPostmaster()).isTrue();
        assertThat(o.testOpenRelay()).isTrue();
        assertThat(o.probeAddress()).isEqualTo("postmaster@example.com");
    }

    @Test
    void happyDomainStyleOptionsAreAccepted() {
        CheckOptions o = OptionsParser.parse(opts("domain", "example.org.", "timeout", 5.5, "helo_name", "probe.example.net",
                "test_open_relay", false, "endpoint", "http://checker:8080", "service", Map.of("_svctype", "svcs.MXs"),
                "test_probe_address", "relay-test@Example.NET"));
        assertThat(o.domain()).isEqualTo("example.org");
        assertThat(o.timeout()).isEqualTo(Duration.ofMillis(5500));
        assertThat(o.heloName()).isEqualTo("probe.example.net");
        assertThat(o.testOpenRelay()).isFalse();
        assertThat(o.probeAddress()).isEqualTo("relay-test@example.net");
    }

    @Test
    void internationalisedNamesBecomeALabels() {
        assertThat(OptionsParser.parse(opts("domain", "bücher.example")).domain()).isEqualTo("xn--bcher-kva.example");
    }

    @Test
    void subdomainIsJoinedToTheDomain() {
        assertThat(OptionsParser.parse(opts("domain", "example.com.", "subdomain", "mail")).domain())
                .isEqualTo("mail.example.com");
        assertThat(OptionsParser.parse(opts("domain", "example.com.", "subdomain", "")).domain())
                .isEqualTo("example.com");
        assertThat(OptionsParser.parse(opts("domain", "example.com.", "subdomain", "@")).domain())
                .isEqualTo("example.com");
    }

    @Test
    void probeAddressInsideTheDomainIsReplacedForTheRelayTest() {
        CheckOptions inside = OptionsParser.parse(opts("domain", "example.org", "test_probe_address", "me@example.org"));
        assertThat(inside.relayRecipient()).isEqualTo("postmaster@example.com");
        CheckOptions exampleCom = OptionsParser.parse(opts("domain", "example.com"));
        assertThat(exampleCom.relayRecipient()).isEqualTo("postmaster@example.net");
        CheckOptions sub = OptionsParser.parse(opts("domain", "mail.example.com"));
        assertThat(sub.relayRecipient()).isEqualTo("postmaster@example.com");
        CheckOptions outside = OptionsParser.parse(opts("domain", "example.org", "test_probe_address", "x@other.test"));
        assertThat(outside.relayRecipient()).isEqualTo("x@other.test");
    }

    static Stream<Arguments> badStrings() {
        return Stream.of(
                Arguments.of("domain", "example.com\r\nRCPT TO:<x@y>", "must not contain a carriage return (CR)"),
                Arguments.of("domain", "exa mple.com", "must not contain a space"),
                Arguments.of("domain", "<example.com>", "must not contain \"<\""),
                Arguments.of("domain", "exa_mple.com", "is not a host-name label"),
                Arguments.of("domain", "-bad.example", "is not a host-name label"),
                Arguments.of("domain", "a..b", "empty label"),
                Arguments.of("domain", ".", "not the root"),
                Arguments.of("domain", "exa\u0000mple.com", "control character"),
                Arguments.of("helo_name", "helo\nQUIT", "must not contain a line feed (LF)"),
                Arguments.of("helo_name", "helo;rm", "must not contain \";\""),
                Arguments.of("test_probe_address", "no-at-sign", "local@domain"),
                Arguments.of("test_probe_address", "a b@example.com", "must not contain a space"),
                Arguments.of("test_probe_address", "x@example.com>\r\nDATA", "must not contain \">\""),
                Arguments.of("test_probe_address", "\"quoted\"@example.com", "double quote"),
                Arguments.of("test_probe_address", "a..b@example.com", "not a dot-atom"),
                Arguments.of("test_probe_address", "x@[192.0.2.1]", "must not contain \"[\""));
    }

    @ParameterizedTest
    @MethodSource("badStrings")
    void badStringsAreRejectedWithTheOptionAndTheReason(String option, String value, String reason) {
        Map<String, Object> o = opts("domain", "example.com");
        o.put(option, value);
        assertThatThrownBy(() -> OptionsParser.parse(o))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageStartingWith("option \"" + option + "\": ")
                .hasMessageContaining(reason);
    }

    @Test
    void domainIsRequired() {
        assertThatThrownBy(() -> OptionsParser.parse(Map.of()))
                .hasMessage("option \"domain\": is required");
        assertThatThrownBy(() -> OptionsParser.parse(null)).hasMessage("option \"domain\": is required");
    }

    @Test
    void tooLongNamesAreRejected() {
        String label = "a".repeat(64);
        assertThatThrownBy(() -> OptionsParser.parse(opts("domain", label + ".example")))
                .hasMessageContaining("option \"domain\"");
        String name = String.join(".", List.of("a".repeat(60), "b".repeat(60), "c".repeat(60), "d".repeat(60), "e".repeat(20)));
        assertThatThrownBy(() -> OptionsParser.parse(opts("domain", name)))
                .hasMessageContaining("longer than 253");
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, -1, 61, 3600})
    void timeoutMustBePositiveAndBounded(double seconds) {
        assertThatThrownBy(() -> OptionsParser.parse(opts("domain", "example.com", "timeout", seconds)))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageStartingWith("option \"timeout\": must be");
    }

    @Test
    void wrongTypesAreErrorsNotExceptions() {
        assertThatThrownBy(() -> OptionsParser.parse(opts("domain", "example.com", "timeout", "12")))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessage("option \"timeout\": must be a number of seconds, got a string");
        assertThatThrownBy(() -> OptionsParser.parse(opts("domain", 42)))
                .hasMessage("option \"domain\": must be a string, got a number");
        assertThatThrownBy(() -> OptionsParser.parse(opts("domain", "example.com", "test_open_relay", "yes")))
                .hasMessage("option \"test_open_relay\": must be a boolean (true or false), got a string");
        assertThatThrownBy(() -> OptionsParser.parse(opts("domain", "example.com", "helo_name", List.of("a"))))
                .hasMessage("option \"helo_name\": must be a string, got an array");
    }
}
