package org.checkersmtp.observation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.checkersmtp.json.GoJson;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The settings hold the probes as one set, while the wire keeps one boolean per probe where it always was:
 * every one present, false included, in the probes' order, between effective_timeout_ms and postmaster_address.
 */
class ProbeSettingsJsonTest {

    /** Every subset of the optional probes, so a new probe is covered by itself. */
    static Stream<Set<OptionalProbe>> everySetOfProbes() {
        OptionalProbe[] all = OptionalProbe.values();
        List<Set<OptionalProbe>> sets = new ArrayList<>();
        for (int bits = 0; bits < 1 << all.length; bits++) {
            Set<OptionalProbe> set = EnumSet.noneOf(OptionalProbe.class);
            for (int i = 0; i < all.length; i++) {
                if ((bits & 1 << i) != 0) {
                    set.add(all[i]);
                }
            }
            sets.add(set);
        }
        return sets.stream();
    }

    @ParameterizedTest
    @MethodSource("everySetOfProbes")
    void theProbesTravelAsTheirBooleansInPlaceAndReadBackTheSame(Set<OptionalProbe> made) {
        ProbeSettings settings = new ProbeSettings("mx-checker.happydomain.org", 12000, 9000, made,
                "postmaster@example.com", "postmaster@example.net", "postmaster@example.net");
        String switches = Stream.of(OptionalProbe.values())
                .map(p -> "\"" + p.option() + "\":" + made.contains(p)).collect(Collectors.joining(","));

        String json = GoJson.marshal(settings);

        assertThat(json).isEqualTo("{\"helo_name\":\"mx-checker.happydomain.org\",\"timeout_ms\":12000,"
                + "\"effective_timeout_ms\":9000," + switches + ",\"postmaster_address\":\"postmaster@example.com\","
                + "\"relay_recipient\":\"postmaster@example.net\",\"relay_sender\":\"postmaster@example.net\"}");
        ProbeSettings back = GoJson.decode(json.getBytes(StandardCharsets.UTF_8), ProbeSettings.class);
        assertThat(back).isEqualTo(settings);
        assertThat(GoJson.marshal(back)).isEqualTo(json);
    }

    @ParameterizedTest
    @MethodSource("everyProbe")
    void aSwitchThatIsNotABooleanIsRefusedNamingIt(OptionalProbe probe) {
        String json = "{\"helo_name\":\"h\",\"" + probe.option() + "\":\"yes\"}";
        assertThatThrownBy(() -> GoJson.decode(json.getBytes(StandardCharsets.UTF_8), ProbeSettings.class))
                .hasMessageContaining(probe.option() + " must be a boolean");
    }

    static Stream<OptionalProbe> everyProbe() {
        return Stream.of(OptionalProbe.values());
    }
}
