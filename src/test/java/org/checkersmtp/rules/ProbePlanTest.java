package org.checkersmtp.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import org.checkersmtp.collect.SmtpCollector;
import org.checkersmtp.observation.SmtpObservation;
import org.checkersmtp.observation.TransactionKind;
import org.checkersmtp.options.CheckOptions;
import org.checkersmtp.observation.OptionalProbe;
import org.checkersmtp.testsupport.ScriptedSmtpServer;
import org.checkersmtp.testsupport.TestCollectors;
import org.checkersmtp.testsupport.ZoneDnsServer;
import org.junit.jupiter.api.Test;

/** "Providers may skip work for disabled rules": a probe whose only judge is disabled is not run. */
class ProbePlanTest {

    private final ProbePlan plan = new ProbePlan(AllRules.evaluator());
    private final CheckOptions all = CheckOptions.defaults("example.com");

    @Test
    void eachProbeIsSwitchedOffByItsOwnRuleOnly() {
        CheckOptions noRelay = plan.apply(all, Map.of("smtp.open_relay", false));
        assertThat(noRelay.makes(OptionalProbe.OPEN_RELAY)).isFalse();
        assertThat(noRelay.makes(OptionalProbe.NULL_SENDER)).isTrue();
        assertThat(noRelay.makes(OptionalProbe.POSTMASTER)).isTrue();

        CheckOptions noPostmaster = plan.apply(all, Map.of("smtp.postmaster", false));
        assertThat(noPostmaster.makes(OptionalProbe.POSTMASTER)).isFalse();
        assertThat(noPostmaster.makes(OptionalProbe.NULL_SENDER)).isTrue();
        assertThat(noPostmaster.makes(OptionalProbe.OPEN_RELAY)).isTrue();

        CheckOptions noNullSender = plan.apply(all, Map.of("smtp.null_sender", false));
        assertThat(noNullSender.makes(OptionalProbe.NULL_SENDER)).isFalse();
        assertThat(noNullSender.makes(OptionalProbe.POSTMASTER)).isTrue();
    }

    @Test
    void otherRulesAndTheRestOfTheOptionsAreLeftAlone() {
        CheckOptions o = plan.apply(all, Map.of("smtp.starttls_offered", false, "smtp.mx_consistency", false,
                "no.such.rule", false, "smtp.open_relay", true));
        assertThat(o).isEqualTo(all);
        assertThat(plan.apply(all, null)).isEqualTo(all);
        assertThat(plan.apply(all, Map.of())).isEqualTo(all);
    }

    @Test
    void anEnabledRuleNeverSwitchesOnAProbeTheOptionsTurnedOff() {
        CheckOptions off = new CheckOptions("example.com", Duration.ofSeconds(12), "probe.example",
                EnumSet.noneOf(OptionalProbe.class), "postmaster@example.com");
        assertThat(plan.apply(off, Map.of("smtp.open_relay", true, "smtp.postmaster", true))).isEqualTo(off);
    }

    /** The plan and the collector together: the server never sees the probe of a disabled rule. */
    @Test
    void aDisabledRulesProbeNeverReachesTheServer() throws Exception {
        try (ZoneDnsServer dns = new ZoneDnsServer("plan.test. 300 IN MX 10 mx.plan.test.\n"
                     + "mx.plan.test. 300 IN A 127.0.0.6");
             ScriptedSmtpServer server = ScriptedSmtpServer.builder().address(InetAddress.getByName("127.0.0.6"))
                     .port(0).start()) {
            // Its pools are daemon threads; the Spring container would stop them, a test need not.
            SmtpCollector collector = new SmtpCollector(TestCollectors.properties(dns.address(), server.port(),
                    Duration.ofSeconds(30)), Clock.systemUTC());
            CheckOptions requested = new CheckOptions("plan.test", Duration.ofSeconds(5), "probe.test",
                    EnumSet.allOf(OptionalProbe.class), "someone@elsewhere.example");
            SmtpObservation obs = collector.collect(plan.apply(requested, Map.of("smtp.open_relay", false)));
            assertThat(obs.probe().made(OptionalProbe.OPEN_RELAY)).isFalse();
            assertThat(obs.endpoints()).singleElement().satisfies(e -> {
                assertThat(e.transaction(TransactionKind.OPEN_RELAY)).isEmpty();
                assertThat(e.transaction(TransactionKind.NULL_SENDER)).isPresent();
            });
            assertThat(server.commands()).anyMatch(c -> c.startsWith("MAIL FROM:<>"))
                    .noneMatch(c -> c.contains("someone@elsewhere.example"));
        }
    }
}
