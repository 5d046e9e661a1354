package org.checkersmtp.options;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every refusal of a run option, word for word in English: the sentence the API answers as
 * {@code {"error":"…"}}, the command line and the exporter print, and the logs keep. It must not change
 * when the reasons are said in other languages.
 */
class OptionRefusalsTest {

    private static Map<String, Object> opts(Object... kv) {
        Map<String, Object> map = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            map.put((String) kv[i], kv[i + 1]);
        }
        return map;
    }

    private static Arguments refused(Map<String, Object> options, String message) {
        return Arguments.of(options, message);
    }

    static Stream<Arguments> refusals() {
        String longLabel = "a".repeat(63);
        String longDomain = String.join(".", longLabel, longLabel, longLabel, "b".repeat(61) + "x");
        String nearLimit = String.join(".", "a".repeat(60), "b".repeat(60), "c".repeat(60), "d".repeat(60)) + ".example";
        return Stream.of(
                refused(opts(), "option \"domain\": is required"),
                refused(opts("domain", ""), "option \"domain\": is required"),
                refused(opts("domain", 5), "option \"domain\": must be a string, got a number"),
                refused(opts("domain", "a b.example"), "option \"domain\": must not contain a space"),
                refused(opts("domain", "a\r.example"), "option \"domain\": must not contain a carriage return (CR)"),
                refused(opts("domain", "a\n.example"), "option \"domain\": must not contain a line feed (LF)"),
                refused(opts("domain", "a\t.example"), "option \"domain\": must not contain a tab"),
                refused(opts("domain", "a<.example"), "option \"domain\": must not contain \"<\""),
                refused(opts("domain", "a>.example"), "option \"domain\": must not contain \">\""),
                refused(opts("domain", "a\".example"), "option \"domain\": must not contain a double quote"),
                refused(opts("domain", "a\\.example"), "option \"domain\": must not contain a backslash"),
                refused(opts("domain", "a,.example"), "option \"domain\": must not contain \",\""),
                refused(opts("domain", "a;.example"), "option \"domain\": must not contain \";\""),
                refused(opts("domain", "a:.example"), "option \"domain\": must not contain \":\""),
                refused(opts("domain", "a(.example"), "option \"domain\": must not contain \"(\""),
                refused(opts("domain", "a].example"), "option \"domain\": must not contain \"]\""),
                refused(opts("domain", "a\u0000.example"), "option \"domain\": must not contain a NUL character"),
                refused(opts("domain", "a\u0085.example"),
                        "option \"domain\": must not contain a next-line character (U+0085)"),
                refused(opts("domain", "a\u2028.example"), "option \"domain\": must not contain a line separator (U+2028)"),
                refused(opts("domain", "a\u2029.example"),
                        "option \"domain\": must not contain a paragraph separator (U+2029)"),
                refused(opts("domain", "a\u0007.example"), "option \"domain\": must not contain a control character"),
                refused(opts("domain", "a\u007f.example"), "option \"domain\": must not contain a control character"),
                refused(opts("domain", "a\u0090.example"),
                        "option \"domain\": must not contain a control character (U+0090)"),
                refused(opts("domain", "a\u200b.example"),
                        "option \"domain\": must not contain an invisible formatting character (U+200B)"),
                refused(opts("domain", "a\u00a0.example"),
                        "option \"domain\": must not contain a space character (U+00A0)"),
                refused(opts("domain", "."), "option \"domain\": must be a host name, not the root \".\""),
                refused(opts("domain", "a..example"), "option \"domain\": has an empty label (two dots in a row)"),
                refused(opts("domain", "-a.example"), "option \"domain\": label \"-a\" is not a host-name label "
                        + "(letters, digits, inner hyphens, at most 63)"),
                refused(opts("domain", longDomain + ".example"), "option \"domain\": is longer than 253 characters"),
                refused(opts("domain", "example.com", "subdomain", "a_b"), "option \"subdomain\": label \"a_b\" is not a "
                        + "host-name label (letters, digits, inner hyphens, at most 63)"),
                refused(opts("domain", nearLimit), "option \"domain\": would make RCPT TO carry a path of 264 octets "
                        + "(<postmaster@aaaaaaaa….example>), over the 256 octets RFC 5321 allows (section 4.5.3.1.3)"),
                refused(opts("domain", "example.com", "timeout", "12"),
                        "option \"timeout\": must be a number of seconds, got a string"),
                refused(opts("domain", "example.com", "timeout", -1),
                        "option \"timeout\": must be a positive number of seconds, got -1"),
                refused(opts("domain", "example.com", "timeout", 0.0),
                        "option \"timeout\": must be a positive number of seconds, got 0.0"),
                refused(opts("domain", "example.com", "helo_name", List.of()),
                        "option \"helo_name\": must be a string, got an array"),
                refused(opts("domain", "example.com", "helo_name", Map.of()),
                        "option \"helo_name\": must be a string, got an object"),
                refused(opts("domain", "example.com", "helo_name", true),
                        "option \"helo_name\": must be a string, got a boolean"),
                refused(opts("domain", "example.com", "helo_name", new Object()),
                        "option \"helo_name\": must be a string, got a value of another type"),
                refused(opts("domain", "example.com", "helo_name", "probe!.example"),
                        "option \"helo_name\": label \"probe!\" is not a host-name label (letters, digits, inner "
                                + "hyphens, at most 63)"),
                refused(opts("domain", "example.com", "test_open_relay", "yes"),
                        "option \"test_open_relay\": must be a boolean (true or false), got a string"),
                refused(opts("domain", "example.com", "test_null_sender", 1),
                        "option \"test_null_sender\": must be a boolean (true or false), got a number"),
                refused(opts("domain", "example.com", "tls_posture", "on"),
                        "option \"tls_posture\": must be a boolean (true or false), got a string"),
                refused(opts("domain", "example.com", "test_probe_address", "nobody"),
                        "option \"test_probe_address\": must be an address of the form local@domain"),
                refused(opts("domain", "example.com", "test_probe_address", "@example.net"),
                        "option \"test_probe_address\": must be an address of the form local@domain"),
                refused(opts("domain", "example.com", "test_probe_address", "a".repeat(65) + "@example.net"),
                        "option \"test_probe_address\": local part is longer than 64 characters (RFC 5321 section "
                                + "4.5.3.1.1)"),
                refused(opts("domain", "example.com", "test_probe_address", "a..b@example.net"),
                        "option \"test_probe_address\": local part \"a..b\" is not a dot-atom (quoted local parts "
                                + "are not accepted)"),
                refused(opts("domain", "example.com", "test_probe_address", "a@b@example.net"),
                        "option \"test_probe_address\": local part \"a@b\" is not a dot-atom (quoted local parts "
                                + "are not accepted)"));
    }

    @ParameterizedTest
    @MethodSource("refusals")
    void everyRefusalSaysTheSameEnglishSentence(Map<String, Object> options, String message) {
        assertThatThrownBy(() -> {
            OptionsParser.parse(options);
            OptionsParser.tlsPosture(options);
        }).isInstanceOf(InvalidOptionException.class).hasMessage(message);
    }

    @org.junit.jupiter.api.Test
    void anEmptyNameGivenDirectlyIsRefused() {
        assertThatThrownBy(() -> Hostnames.normalize("domain", "")).hasMessage("option \"domain\": must not be empty");
        assertThatThrownBy(() -> Hostnames.normalizeAddress("test_probe_address", ""))
                .hasMessage("option \"test_probe_address\": must not be empty");
    }

    @org.junit.jupiter.api.Test
    void anInvalidInternationalisedNameKeepsTheLibrarysWords() {
        assertThatThrownBy(() -> OptionsParser.parse(opts("domain", "b\u00fccher-.example")))
                .hasMessageStartingWith("option \"domain\": is not a valid internationalised host name (")
                .hasMessageNotContaining("Exception");
    }
}
