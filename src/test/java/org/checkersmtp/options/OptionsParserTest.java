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
import org.checkersmtp.observation.OptionalProbe;
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
        assertThat(o.makes(OptionalProbe.NULL_SENDER)).isTrue();
        assertThat(o.makes(OptionalProbe.POSTMASTER)).isTrue();
        assertThat(o.makes(OptionalProbe.OPEN_RELAY)).isTrue();
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
        assertThat(o.makes(OptionalProbe.OPEN_RELAY)).isFalse();
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
                Arguments.of("domain", "exa\u0000mple.com", "a NUL character"),
                Arguments.of("domain", "exa\u0001mple.com", "control character"),
                Arguments.of("helo_name", "helo\nQUIT", "must not contain a line feed (LF)"),
                Arguments.of("helo_name", "helo;rm", "must not contain \";\""),
                Arguments.of("test_probe_address", "no-at-sign", "local@domain"),
                Arguments.of("test_probe_address", "a b@example.com", "must not contain a space"),
                Arguments.of("test_probe_address", "x@example.com>\r\nDATA", "must not contain \">\""),
                Arguments.of("test_probe_address", "\"quoted\"@example.com", "double quote"),
                Arguments.of("test_probe_address", "a..b@example.com", "not a dot-atom"),
                Arguments.of("test_probe_address", "x@[192.0.2.1]", "must not contain \"[\""),
                // Nothing is stripped: surrounding whitespace is rejected, not silently removed.
                Arguments.of("domain", " example.com", "must not contain a space"),
                Arguments.of("domain", "example.com\t", "must not contain a tab"),
                Arguments.of("domain", "example.com\r\n", "must not contain a carriage return (CR)"),
                Arguments.of("domain", "\nexample.com", "must not contain a line feed (LF)"),
                Arguments.of("domain", "example.com\u2028", "must not contain a line separator (U+2028)"),
                Arguments.of("domain", "example.com\u00a0", "must not contain a space character (U+00A0)"),
                Arguments.of("domain", "exa\u200bmple.com", "invisible formatting character (U+200B)"),
                Arguments.of("helo_name", "probe.example.net ", "must not contain a space"),
                Arguments.of("helo_name", "\u2029probe.example.net", "paragraph separator (U+2029)"),
                Arguments.of("helo_name", " ", "must not contain a space"),
                Arguments.of("test_probe_address", "x@example.net\n", "must not contain a line feed (LF)"),
                Arguments.of("test_probe_address", "\tx@example.net", "must not contain a tab"),
                Arguments.of("test_probe_address", "x@example.net\u0085", "next-line character (U+0085)"));
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

    @Test
    void internationalisedNameErrorsAreWordsNotJavaExceptions() {
        // The JDK refuses a mix of right-to-left and left-to-right with "java.text.ParseException: …".
        assertThatThrownBy(() -> OptionsParser.parse(opts("domain", "a\u05d0.example")))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageStartingWith("option \"domain\": is not a valid internationalised host name (")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("java.").doesNotContain("Exception"));
    }

    @Test
    void pathsNeverExceedRfc5321Limits() {
        // <postmaster@domain> is 2 + 11 + domain octets: a domain of 243 fits in 256, 244 does not.
        String fits = hostName(243);
        assertThat(OptionsParser.parse(opts("domain", fits)).postmasterAddress()).hasSize(254);
        assertThatThrownBy(() -> OptionsParser.parse(opts("domain", hostName(244))))
                .hasMessageStartingWith("option \"domain\": would make RCPT TO carry a path of 257 octets")
                .hasMessageContaining("over the 256 octets RFC 5321 allows");
        assertThatThrownBy(() -> OptionsParser.parse(opts("domain", "example.com", "subdomain", hostName(240))))
                .hasMessageStartingWith("option \"subdomain\": would make RCPT TO carry a path of");
        assertThatThrownBy(() -> OptionsParser.parse(opts("domain", "example.com", "helo_name", hostName(253))))
                .hasMessageStartingWith("option \"helo_name\": would make MAIL FROM carry a path of 266 octets");
        // A 64-octet local part is allowed, but not with a domain that takes the path over 256.
        String local = "l".repeat(64);
        assertThat(OptionsParser.parse(opts("domain", "example.com", "test_probe_address",
                local + "@" + hostName(189))).probeAddress()).hasSize(254);
        assertThatThrownBy(() -> OptionsParser.parse(opts("domain", "example.com", "test_probe_address",
                local + "@" + hostName(253))))
                .hasMessageStartingWith("option \"test_probe_address\": would make MAIL FROM and RCPT TO carry a path "
                        + "of 320 octets");
        assertThatThrownBy(() -> OptionsParser.parse(opts("domain", "example.com", "test_probe_address",
                "l".repeat(65) + "@example.net")))
                .hasMessageContaining("local part is longer than 64 characters");
    }

    /** A valid host name of exactly {@code length} characters. */
    static String hostName(int length) {
        StringBuilder name = new StringBuilder();
        int remaining = length;
        while (remaining > 63) {
            int label = remaining == 64 ? 62 : 63; // never leave an empty or a 64-character last label
            name.append("a".repeat(label)).append('.');
            remaining -= label + 1;
        }
        return name.append("a".repeat(remaining)).toString();
    }

    @Test
    void emptyStringsMeanAbsentWhitespaceDoesNot() {
        CheckOptions o = OptionsParser.parse(opts("domain", "example.com", "helo_name", "", "test_probe_address", ""));
        assertThat(o.heloName()).isEqualTo(CheckOptions.DEFAULT_HELO_NAME);
        assertThat(o.probeAddress()).isEqualTo(CheckOptions.DEFAULT_PROBE_ADDRESS);
        assertThatThrownBy(() -> OptionsParser.parse(opts("domain", "")))
                .hasMessage("option \"domain\": is required");
        assertThatThrownBy(() -> OptionsParser.parse(opts("domain", "\r\n")))
                .hasMessage("option \"domain\": must not contain a carriage return (CR)");
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, -1, Double.NaN, Double.POSITIVE_INFINITY})
    void timeoutMustBePositive(double seconds) {
        assertThatThrownBy(() -> OptionsParser.parse(opts("domain", "example.com", "timeout", seconds)))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageStartingWith("option \"timeout\": must be a positive number of seconds");
    }

    /** happyDomain's definition sets no upper bound: the collector caps the timeout, the parser keeps it. */
    @ParameterizedTest
    @ValueSource(doubles = {61, 3600})
    void aLongTimeoutIsAccepted(double seconds) {
        assertThat(OptionsParser.parse(opts("domain", "example.com", "timeout", seconds)).timeout())
                .isEqualTo(java.time.Duration.ofSeconds((long) seconds));
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
