package org.checkersmtp.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What Go's encoding/json writes, byte for byte; expected values were produced by Go 1.22. */
class GoJsonTest {

    @ParameterizedTest
    @CsvSource({
        "1.0, 1", "0.5, 0.5", "12.3456, 12.3456", "-3.0, -3", "100.0, 100", "0.1, 0.1",
        "1.0E-6, 0.000001", "1.0E-7, 1e-7", "1.23E-8, 1.23e-8", "1.0E20, 100000000000000000000",
        "1.0E21, 1e+21", "1.5E300, 1.5e+300", "7.030462677, 7.030462677", "4.055619, 4.055619",
        "0.07995558537067671, 0.07995558537067671", "123456789.125, 123456789.125"})
    void floatsAreShortestWithoutTrailingPointZero(double value, String go) {
        assertThat(GoFloats.format(value)).isEqualTo(go);
        assertThat(GoJson.marshal(value)).isEqualTo(go);
    }

    @Test
    void zeroIsZero() {
        assertThat(GoJson.marshal(0.0)).isEqualTo("0");
    }

    @Test
    void nanIsRefusedAsGoDoes() {
        assertThatThrownBy(() -> GoFloats.format(Double.NaN)).hasMessageContaining("unsupported value");
    }

    @Test
    void htmlSensitiveCharactersAreEscapedLowercase() {
        assertThat(GoJson.marshal("a<b&c>d")).isEqualTo("\"a\\u003cb\\u0026c\\u003ed\"");
        assertThat(GoJson.marshal("line\u2028sep\u2029")).isEqualTo("\"line\\u2028sep\\u2029\"");
    }

    @Test
    void controlCharactersUseGoEscapes() {
        assertThat(GoJson.marshal("a\nb\rc\td\u0001e\u001fz\bq\fx"))
                .isEqualTo("\"a\\nb\\rc\\td\\u0001e\\u001fz\\bq\\fx\"");
    }

    @Test
    void slashesQuotesAndUnicodeAreWrittenAsGoDoes() {
        assertThat(GoJson.marshal("a/b \"q\" \\ é ✓ 😀"))
                .isEqualTo("\"a/b \\\"q\\\" \\\\ é ✓ 😀\"");
        assertThat(new String(GoJson.encode("😀"), StandardCharsets.UTF_8)).isEqualTo("\"😀\"\n");
        // Four-byte UTF-8, not a surrogate pair escape.
        assertThat(GoJson.encode("😀")).hasSize(4 + 2 + 1);
    }

    @Test
    void mapKeysAreSortedAndEncodeEndsWithNewline() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("zeta", 1);
        map.put("alpha", true);
        map.put("Mid", "x");
        assertThat(new String(GoJson.encode(map), StandardCharsets.UTF_8))
                .isEqualTo("{\"Mid\":\"x\",\"alpha\":true,\"zeta\":1}\n");
    }

    record Sample(
            @JsonInclude(JsonInclude.Include.ALWAYS) String always,
            String omitted,
            int zero,
            boolean flag,
            List<String> empty,
            Map<String, String> none,
            @JsonInclude(JsonInclude.Include.ALWAYS) List<String> nullList,
            Instant when,
            Duration interval) {
    }

    @Test
    void omitEmptyIsTheDefaultAndFieldsKeepDeclarationOrder() {
        Sample s = new Sample("", "", 0, false, List.of(), Map.of(), null, null, null);
        assertThat(GoJson.marshal(s)).isEqualTo("{\"always\":\"\",\"nullList\":null}");
        Sample full = new Sample("a", "b", 3, true, List.of("x"), Map.of("k", "v"), List.of(),
                Instant.parse("2026-04-21T12:34:56.500Z"), Duration.ofMinutes(5));
        assertThat(GoJson.marshal(full)).isEqualTo("{\"always\":\"a\",\"omitted\":\"b\",\"zero\":3,\"flag\":true,"
                + "\"empty\":[\"x\"],\"none\":{\"k\":\"v\"},\"nullList\":[],\"when\":\"2026-04-21T12:34:56.5Z\","
                + "\"interval\":300000000000}");
    }

    /** What is written is read back the same: a stored result's options keep their timeout. */
    @Test
    void durationsReadBackAsTheNanosecondsWritten() {
        Sample full = new Sample("a", "b", 3, true, List.of("x"), Map.of("k", "v"), List.of(),
                Instant.parse("2026-04-21T12:34:56.500Z"), Duration.ofMillis(12_345));
        assertThat(GoJson.mapper().readValue(GoJson.marshal(full), Sample.class).interval())
                .isEqualTo(Duration.ofMillis(12_345));
    }

    @Test
    void timesAreRfc3339WithTrimmedNanoseconds() {
        assertThat(GoTime.format(Instant.parse("2026-04-21T12:34:56Z"))).isEqualTo("2026-04-21T12:34:56Z");
        assertThat(GoTime.format(Instant.parse("2026-04-21T12:34:56.120Z"))).isEqualTo("2026-04-21T12:34:56.12Z");
        assertThat(GoTime.format(Instant.parse("2026-04-21T12:34:56.000000001Z")))
                .isEqualTo("2026-04-21T12:34:56.000000001Z");
        assertThat(GoTime.format(Instant.parse("0001-01-01T00:00:00Z"))).isEqualTo("0001-01-01T00:00:00Z");
    }

    record Request(String key, Map<String, Object> options) {
    }

    @Test
    void decodingIsAsLenientAsGo() {
        Request r = GoJson.decode("{\"KEY\":\"smtp\",\"unknown\":1,\"Options\":{\"timeout\":5}} trailing"
                .getBytes(StandardCharsets.UTF_8), Request.class);
        assertThat(r.key()).isEqualTo("smtp");
        assertThat(r.options()).containsEntry("timeout", 5);
    }

    /** A record with its own check, as the observation's records have. */
    record Port(String name, int number) {
        Port {
            if (number < 0) {
                throw new IllegalArgumentException("a port is not negative");
            }
        }
    }

    @Test
    void recordsAreBuiltByTheirConstructorAndItsRefusalIsKept() {
        assertThat(GoJson.mapper().readValue("{\"name\":\"smtp\",\"number\":25}", Port.class))
                .isEqualTo(new Port("smtp", 25));
        assertThat(GoJson.mapper().readValue("{\"number\":587}", Port.class)).isEqualTo(new Port(null, 587));
        assertThatThrownBy(() -> GoJson.mapper().readValue("{\"name\":\"x\",\"number\":-1}", Port.class))
                .isInstanceOf(tools.jackson.databind.DatabindException.class)
                .hasMessageContaining("a port is not negative");
    }
}
