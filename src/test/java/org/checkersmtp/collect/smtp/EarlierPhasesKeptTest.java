package org.checkersmtp.collect.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.function.UnaryOperator;
import org.checkersmtp.observation.EndReason;
import org.checkersmtp.observation.EndpointProbe;
import org.checkersmtp.observation.MxLookup;
import org.checkersmtp.observation.Phase;
import org.checkersmtp.observation.SmtpObservation;
import org.checkersmtp.observation.Transaction;
import org.checkersmtp.observation.TransactionKind;
import org.checkersmtp.options.CheckOptions;
import org.checkersmtp.observation.OptionalProbe;
import org.checkersmtp.rules.AllRules;
import org.checkersmtp.rules.CheckState;
import org.checkersmtp.rules.RuleContext;
import org.checkersmtp.rules.Status;
import org.checkersmtp.smtp.Deadline;
import org.checkersmtp.smtp.SmtpLimits;
import org.checkersmtp.testsupport.ScriptedSmtpServer;
import org.checkersmtp.testsupport.ScriptedSmtpServer.Builder;
import org.checkersmtp.testsupport.ScriptedSmtpServer.Hostile;
import org.junit.jupiter.api.Test;

/**
 * A phase that hits a limit, times out or is cut leaves what the earlier phases received in the
 * observation, and the rules judge each phase by what it got (issue 16).
 */
class EarlierPhasesKeptTest {

    private static final Duration TIMEOUT = Duration.ofMillis(1500);
    /** The prober below reads at most 20 lines per reply: this reply never ends within them. */
    private static final String[] ENDLESS = Collections.nCopies(30, "250-mx.test.example").toArray(String[]::new);

    private static final PhaseListener NO_PHASES = phase -> { };
    private final SmtpProber prober = new SmtpProber(new SmtpLimits(1000, 20, 64 * 1024));

    private EndpointProbe probe(UnaryOperator<Builder> script) {
        try (ScriptedSmtpServer server = script.apply(ScriptedSmtpServer.builder()).start()) {
            CheckOptions options = new CheckOptions("example.org", TIMEOUT, "probe.test",
                    EnumSet.allOf(OptionalProbe.class),
                    "postmaster@example.com");
            return prober.probe(new EndpointTarget("mx.test.example", 10, server.address(), server.port()), options,
                    Deadline.after(TIMEOUT, Clock.systemUTC()), NO_PHASES);
        }
    }

    private static CheckState verdict(EndpointProbe endpoint, String rule) {
        SmtpObservation obs = new SmtpObservation("example.org", Instant.now(),
                new MxLookup(List.of(), null, false, false, false, List.of()), List.of(endpoint), null,
                SmtpObservation.SCHEMA_VERSION, null, 0, null);
        return AllRules.evaluator().evaluate(obs, RuleContext.EMPTY, null).stream()
                .filter(s -> s.rule().equals(rule)).findFirst().orElseThrow();
    }

    private static void assertEnded(EndpointProbe p, EndReason reason, Phase phase) {
        assertThat(p.end().reason()).isEqualTo(reason);
        assertThat(p.end().phase()).isEqualTo(phase);
    }

    @Test
    void aSilentServerKeepsItsConnect() {
        EndpointProbe p = probe(b -> b.hostile(Hostile.NEVER_GREET));
        assertEnded(p, EndReason.DEADLINE, Phase.GREETING);
        assertThat(p.connect().ok()).isTrue();
        assertThat(verdict(p, "smtp.banner_sanity").status()).isEqualTo(Status.CRIT);
    }

    @Test
    void anEndlessEhloReplyKeepsAGoodGreetingAndFailsEhloNamingTheLimit() {
        EndpointProbe p = probe(b -> b.greeting("220 mx.example ESMTP").reply("EHLO", ENDLESS));
        assertEnded(p, EndReason.LIMIT_REPLY_LINES, Phase.EHLO);
        assertThat(p.greeting().reply().summary()).isEqualTo("220 mx.example ESMTP");
        CheckState banner = verdict(p, "smtp.banner_sanity");
        assertThat(banner.status()).isEqualTo(Status.OK);
        CheckState ehlo = verdict(p, "smtp.ehlo_supported");
        assertThat(ehlo.status()).isEqualTo(Status.CRIT);
        assertThat(ehlo.message()).contains("reply longer than 20 lines");
    }

    @Test
    void anEhloCutOffKeepsTheGreetingAndLeavesEhloUndecided() {
        EndpointProbe p = probe(b -> b.closeOn("EHLO"));
        assertEnded(p, EndReason.CONNECTION_CLOSED, Phase.EHLO);
        assertThat(p.greeting().reply().code()).isEqualTo(220);
        assertThat(verdict(p, "smtp.banner_sanity").status()).isEqualTo(Status.OK);
        assertThat(verdict(p, "smtp.ehlo_supported").status()).isEqualTo(Status.UNKNOWN);
    }

    @Test
    void anEhloThatNeverComesKeepsTheGreetingAndLeavesEhloUndecided() {
        EndpointProbe p = probe(b -> b.pause("EHLO", TIMEOUT.plusSeconds(1)));
        assertEnded(p, EndReason.DEADLINE, Phase.EHLO);
        assertThat(p.greeting().reply().code()).isEqualTo(220);
        assertThat(verdict(p, "smtp.banner_sanity").status()).isEqualTo(Status.OK);
        assertThat(verdict(p, "smtp.ehlo_supported").status()).isEqualTo(Status.UNKNOWN);
    }

    @Test
    void a421ToEhloIsTheEhloReply() {
        EndpointProbe p = probe(b -> b.reply("EHLO", "421 4.3.2 mx.test.example Service shutting down"));
        assertEnded(p, EndReason.CONNECTION_CLOSED, Phase.EHLO);
        assertThat(p.greeting().reply().code()).isEqualTo(220);
        assertThat(p.ehlo().code()).isEqualTo(421);
        assertThat(verdict(p, "smtp.ehlo_supported").status()).isEqualTo(Status.WARN);
    }

    @Test
    void anEndlessHeloReplyKeepsTheRefusedEhlo() {
        EndpointProbe p = probe(b -> b.reply("EHLO", "502 5.5.1 EHLO not implemented").reply("HELO", ENDLESS));
        assertEnded(p, EndReason.LIMIT_REPLY_LINES, Phase.HELO);
        assertThat(p.ehlo().code()).isEqualTo(502);
        assertThat(verdict(p, "smtp.ehlo_supported").status()).isEqualTo(Status.CRIT);
    }

    @Test
    void aStartTlsCutOffKeepsEhloAndItsExtensions() {
        EndpointProbe p = probe(b -> b.starttls().closeOn("STARTTLS"));
        assertEnded(p, EndReason.CONNECTION_CLOSED, Phase.STARTTLS);
        assertThat(p.ehlo().code()).isEqualTo(250);
        assertThat(p.advertises("STARTTLS")).isTrue();
        assertThat(verdict(p, "smtp.starttls_offered").status()).isEqualTo(Status.OK);
    }

    @Test
    void aStalledHandshakeKeepsTheStartTlsReplyAndIsNoFailedHandshake() {
        EndpointProbe p = probe(b -> b.starttls().hostile(Hostile.STALLED_TLS));
        assertEnded(p, EndReason.DEADLINE, Phase.TLS_HANDSHAKE);
        assertThat(p.advertises("STARTTLS")).isTrue();
        assertThat(p.starttls().reply().code()).isEqualTo(220);
        assertThat(p.starttls().handshakeOk()).isFalse();
        assertThat(verdict(p, "smtp.starttls_handshake").status()).isEqualTo(Status.UNKNOWN);
    }

    @Test
    void anEndlessEhloInsideTlsKeepsTheHandshake() {
        EndpointProbe p = probe(b -> b.starttls().tlsReply("EHLO", ENDLESS));
        assertEnded(p, EndReason.LIMIT_REPLY_LINES, Phase.EHLO_TLS);
        assertThat(p.starttls().handshakeOk()).isTrue();
        assertThat(p.starttls().protocol()).startsWith("TLSv1.");
        assertThat(p.starttls().ehlo()).isNull();
        assertThat(verdict(p, "smtp.starttls_handshake").status()).isEqualTo(Status.OK);
    }

    @Test
    void aCutInTheNullSenderTransactionKeepsEhlo() {
        EndpointProbe p = probe(b -> b.closeOn("MAIL FROM:<>"));
        assertEnded(p, EndReason.CONNECTION_CLOSED, Phase.MAIL);
        assertThat(p.ehlo().code()).isEqualTo(250);
        assertThat(p.transactions()).singleElement().satisfies(t -> {
            assertThat(t.kind()).isEqualTo(TransactionKind.NULL_SENDER);
            assertThat(t.pipelined()).isTrue();
            assertThat(t.mail()).isNull();
            assertThat(t.error()).contains("closed");
        });
    }

    @Test
    void aCutInThePostmasterTransactionKeepsTheNullSenderOne() {
        EndpointProbe p = probe(b -> b.reply("MAIL FROM:<>", "550 5.7.1 no bounces here")
                .closeOn("MAIL FROM:<postmaster@probe.test>"));
        assertEnded(p, EndReason.CONNECTION_CLOSED, Phase.MAIL);
        assertThat(p.transactions()).extracting(Transaction::kind)
                .containsExactly(TransactionKind.NULL_SENDER, TransactionKind.POSTMASTER);
        assertThat(p.transactions().get(0).mail().code()).isEqualTo(550);
        assertThat(p.transactions().get(0).rset().code()).isEqualTo(250);
        assertThat(p.transactions().get(1).mail()).isNull();
        assertThat(p.transactions().get(1).error()).contains("closed");
    }

    @Test
    void aStallInTheOpenRelayTransactionKeepsTheNullSenderOne() {
        EndpointProbe p = probe(b -> b.pause("MAIL FROM:<postmaster@example.com>", TIMEOUT.plusSeconds(1)));
        assertEnded(p, EndReason.DEADLINE, Phase.MAIL);
        assertThat(p.transactions()).extracting(Transaction::kind)
                .containsExactly(TransactionKind.NULL_SENDER, TransactionKind.OPEN_RELAY);
        assertThat(p.transactions().get(0).rcpt().code()).isEqualTo(250);
        assertThat(p.transactions().get(1).mail()).isNull();
        assertThat(verdict(p, "smtp.null_sender").status()).isEqualTo(Status.OK);
    }

    @Test
    void anEndlessRelayRcptReplyKeepsTheRelayMailReply() {
        EndpointProbe p = probe(b -> b.reply("RCPT TO:<postmaster@example.com>", ENDLESS));
        assertEnded(p, EndReason.LIMIT_REPLY_LINES, Phase.RCPT);
        assertThat(p.transactions()).extracting(Transaction::kind)
                .containsExactly(TransactionKind.NULL_SENDER, TransactionKind.OPEN_RELAY);
        Transaction relay = p.transactions().get(1);
        assertThat(relay.mail().code()).isEqualTo(250);
        assertThat(relay.rcpt()).isNull();
        assertThat(relay.error()).contains("longer than 20 lines");
        assertThat(verdict(p, "smtp.open_relay").status()).isNotEqualTo(Status.CRIT);
    }

    @Test
    void aCutAtQuitKeepsEveryTransaction() {
        EndpointProbe p = probe(b -> b.closeOn("QUIT"));
        assertThat(p.end().reason()).isEqualTo(EndReason.COMPLETED);
        assertThat(p.quit()).isNull();
        assertThat(p.transactions()).extracting(Transaction::kind)
                .containsExactly(TransactionKind.NULL_SENDER, TransactionKind.OPEN_RELAY);
        assertThat(p.transactions()).allSatisfy(t -> assertThat(t.rset().code()).isEqualTo(250));
    }
}
