package org.checkersmtp.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.checkersmtp.collect.SmtpCollector;
import org.checkersmtp.observation.EndpointProbe;
import org.checkersmtp.observation.SmtpObservation;
import org.checkersmtp.options.CheckOptions;
import org.checkersmtp.observation.OptionalProbe;
import org.checkersmtp.testsupport.TestCollectors;
import org.checkersmtp.testsupport.realservers.KnotServer;
import org.checkersmtp.testsupport.realservers.PostfixInstance;
import org.checkersmtp.testsupport.realservers.PostfixInstance.Personality;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The classic hole, end to end on real servers: a domain with two MX (Knot), the primary a Postfix with
 * STARTTLS on 127.0.0.6, the backup (higher preference number) an otherwise identical Postfix without TLS
 * on 127.0.0.7. smtp.mx_consistency must name the backup.
 */
class MxConsistencyRealServersTest {

    static KnotServer knot;
    static PostfixInstance primary;
    static PostfixInstance backup;

    @BeforeAll
    static void startServers() {
        knot = KnotServer.builder()
                .zone("pool.test", "@ MX 10 mx1\n@ MX 20 mx2\nmx1 A 127.0.0.6\nmx2 A 127.0.0.7")
                .start();
        var started = List.of(
                CompletableFuture.supplyAsync(() -> PostfixInstance.start(Personality.GOOD, "127.0.0.6", "pool.test",
                        false)),
                CompletableFuture.supplyAsync(() -> PostfixInstance.start(Personality.NO_TLS, "127.0.0.7",
                        "pool.test", false)));
        primary = started.get(0).join();
        backup = started.get(1).join();
    }

    @AfterAll
    static void stopServers() {
        for (AutoCloseable server : new AutoCloseable[] {primary, backup, knot}) {
            try {
                if (server != null) {
                    server.close();
                }
            } catch (Exception ignored) {
                // Best effort: each server also stops in a shutdown hook.
            }
        }
    }

    @Test
    void theBackupWithoutStartTlsIsCriticalAndNamed() {
        // Its pools are daemon threads; the Spring container would stop them, a test need not.
        SmtpCollector collector = new SmtpCollector(TestCollectors.properties(knot.address(), 25,
                Duration.ofSeconds(60)), Clock.systemUTC());
        SmtpObservation obs = collector.collect(new CheckOptions("pool.test", Duration.ofSeconds(10),
                "probe.checker.test", EnumSet.allOf(OptionalProbe.class), "postmaster@example.com"));
        assertThat(obs.endpoints()).extracting(EndpointProbe::target, EndpointProbe::address).containsExactly(
                org.assertj.core.groups.Tuple.tuple("mx1.pool.test", "127.0.0.6"),
                org.assertj.core.groups.Tuple.tuple("mx2.pool.test", "127.0.0.7"));
        assertThat(obs.endpoints().get(0).starttls().handshakeOk()).as(primary.log()).isTrue();
        assertThat(obs.endpoints().get(1).advertises("STARTTLS")).as(backup.log()).isFalse();

        List<CheckState> states = AllRules.evaluator().evaluate(obs, RuleContext.EMPTY, null);
        List<CheckState> consistency = states.stream().filter(s -> "smtp.mx_consistency".equals(s.rule())).toList();
        assertThat(consistency).as("only STARTTLS differs: relay, postmaster, null sender and SIZE agree")
                .singleElement().satisfies(s -> {
                    assertThat(s.status()).isEqualTo(Status.CRIT);
                    assertThat(s.code()).isEqualTo("smtp.mx_consistency.starttls");
                    assertThat(s.subject()).isEqualTo("mx2.pool.test/127.0.0.7");
                    assertThat(s.message()).startsWith("mx2.pool.test (127.0.0.7), a backup MX (preference 20), "
                            + "does not offer STARTTLS, unlike mx1.pool.test (127.0.0.6, preference 10)");
                    assertThat(s.metaString(States.REPRODUCE)).startsWith("swaks --server 127.0.0.7 --port 25");
                });
        assertThat(states).filteredOn(s -> "smtp.open_relay".equals(s.rule())).extracting(CheckState::status)
                .containsOnly(Status.OK);
    }
}
