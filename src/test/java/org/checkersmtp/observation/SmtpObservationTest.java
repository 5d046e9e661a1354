package org.checkersmtp.observation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.checkersmtp.json.GoJson;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class SmtpObservationTest {

    private static MxRecord record(int preference, String target, boolean literal) {
        return new MxRecord(preference, target, List.of("192.0.2.1"), List.of(), literal, List.of(),
                literal ? AddressResolution.LITERAL : AddressResolution.OK, null);
    }

    private static SmtpObservation with(MxLookup mx) {
        return new SmtpObservation("example.com", Instant.parse("2026-11-24T12:00:00Z"), mx, List.of(),
                Coverage.EMPTY, SmtpObservation.SCHEMA_VERSION, null, 1, null);
    }

    @Test
    void mxHostsAreTheNamedTargetsInMxOrderOnce() {
        SmtpObservation obs = with(new MxLookup(List.of(record(10, "mx1.example.com", false),
                record(20, "192.0.2.9", true), record(30, "mx2.example.com", false),
                record(40, "mx1.example.com", false)), null, false, false, false, List.of()));
        assertThat(obs.mxHosts()).containsExactly("mx1.example.com", "mx2.example.com");
    }

    @Test
    void aNullMxHasNoHostAndAnImplicitMxIsTheDomain() {
        assertThat(with(new MxLookup(List.of(), null, true, false, false, List.of())).mxHosts()).isEmpty();
        assertThat(with(new MxLookup(List.of(record(0, "example.com", false)), null, false, true, false, List.of()))
                .mxHosts()).containsExactly("example.com");
        assertThat(with(MxLookup.failed("SERVFAIL")).mxHosts()).isEmpty();
    }

    /** The derived host list is a convenience of the Java model, not a field of the observation's JSON. */
    @Test
    void mxHostsIsNotSerialised() throws Exception {
        SmtpObservation obs = with(new MxLookup(List.of(record(10, "mx1.example.com", false)), null, false, false,
                false, List.of()));
        String json = GoJson.marshal(obs);
        assertThat(json).doesNotContainIgnoringCase("mx_hosts").doesNotContainIgnoringCase("mxhosts");
        Set<String> fields = Arrays.stream(SmtpObservation.class.getRecordComponents())
                .map(SmtpObservationTest::jsonName).collect(Collectors.toSet());
        JsonNode tree = GoJson.mapper().readTree(json);
        assertThat(tree.propertyNames()).allSatisfy(name -> assertThat(fields).contains(name));
    }

    private static String jsonName(RecordComponent c) {
        JsonProperty p = c.getAccessor().getAnnotation(JsonProperty.class);
        p = p != null ? p : c.getAnnotation(JsonProperty.class);
        return p != null && !p.value().isEmpty() ? p.value() : c.getName();
    }
}
