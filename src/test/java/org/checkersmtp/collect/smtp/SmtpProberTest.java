package org.checkersmtp.collect.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.checkersmtp.testsupport.ScriptedSmtpServer.Hostile;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.checkersmtp.observation.ConnectFailure;
import org.checkersmtp.observation.EndReason;
import org.checkersmtp.observation.EndpointProbe;
import org.checkersmtp.observation.Extension;
import org.checkersmtp.observation.IpFamily;
import org.checkersmtp.observation.MxLookup;
import org.checkersmtp.observation.Phase;
import org.checkersmtp.observation.SmtpObservation;
import org.checkersmtp.observation.Transaction;
import org.checkersmtp.observation.TransactionKind;
import org.checkersmtp.observation.TranscriptLine;
import org.checkersmtp.options.CheckOptions;
import org.checkersmtp.observation.OptionalProbe;
import org.checkersmtp.rules.AllRules;
import org.checkersmtp.rules.CheckState;
import org.checkersmtp.rules.RuleContext;
import org.checkersmtp.rules.Status;
import org.checkersmtp.smtp.Deadline;
import org.checkersmtp.smtp.SmtpLimits;
import org.checkersmtp.testsupport.ScriptedSmtpServer;
import org.checkersmtp.testsupport.TestCertificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SmtpProberTest {

    private static final List<EndpointProbe> EVERY_PROBE = new CopyOnWriteArrayList<>();
    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private static final PhaseListener NO_PHASES = phase -> { };
    private static final Clock CLOCK = Clock.systemUTC();

    private final SmtpProber prober = new SmtpProber(new SmtpLimits(1000, 20, 64 * 1024));

    private static CheckOptions options() {
        return new CheckOptions("example.org", TIMEOUT, "probe.test",
                EnumSet.allOf(OptionalProbe.class), "postmaster@example.com");
    }

    private EndpointProbe probe(ScriptedSmtpServer server, CheckOptions options) {
        EndpointTarget target = new EndpointTarget("mx.test.example", 10, server.address(), server.port());
        EndpointProbe probe = prober.probe(target, options, Deadline.after(options.timeout(), CLOCK), NO_PHASES);
        EVERY_PROBE.add(probe);
        return probe;
    }

    private EndpointProbe probe(ScriptedSmtpServer server) {
        return probe(server, options());
    }

    @AfterAll
    static void dataIsNeverSent() {
        assertThat(EVERY_PROBE).isNotEmpty();
        for (EndpointProbe p : EVERY_PROBE) {
            assertThat(p.transcript()).noneMatch(l -> l.dir().equals(TranscriptLine.CLIENT)
                    && l.line().toUpperCase().startsWith("DATA"));
        }
    }

    @Test
    void aPlainServerGoesThroughEveryProbeAndEndsWithQuit() {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.builder().extensions("SIZE 1000", "8BITMIME").start()) {
            EndpointProbe p = probe(server);
            assertThat(p.connect().ok()).isTrue();
            assertThat(p.family()).isEqualTo(IpFamily.IPV4);
            assertThat(p.greeting().reply().code()).isEqualTo(220);
            assertThat(p.ehlo().code()).isEqualTo(250);
            assertThat(p.extensions()).containsExactly(new Extension("SIZE", List.of("1000")),
                    new Extension("8BITMIME", List.of()));
            assertThat(p.starttls()).isNull();
            assertThat(p.transactions()).extracting(Transaction::kind)
                    .containsExactly(TransactionKind.NULL_SENDER, TransactionKind.OPEN_RELAY);
            Transaction nullSender = p.transactions().get(0);
            assertThat(nullSender.mailFrom()).isEmpty();
            assertThat(nullSender.rcptTo()).isEqualTo("postmaster@example.org");
            assertThat(nullSender.mail().code()).isEqualTo(250);
            assertThat(nullSender.mail().enhanced()).isEqualTo("2.1.0");
            assertThat(nullSender.rcpt().code()).isEqualTo(250);
            assertThat(nullSender.rset().code()).isEqualTo(250);
            assertThat(nullSender.pipelined()).isFalse();
            Transaction relay = p.transactions().get(1);
            assertThat(relay.mailFrom()).isEqualTo("postmaster@example.com");
            assertThat(relay.rcptTo()).isEqualTo("postmaster@example.com");
            assertThat(p.quit().code()).isEqualTo(221);
            assertThat(p.end().reason()).isEqualTo(EndReason.COMPLETED);
            assertThat(server.commands()).containsExactly("EHLO probe.test", "MAIL FROM:<>",
                    "RCPT TO:<postmaster@example.org>", "RSET", "MAIL FROM:<postmaster@example.com>",
                    "RCPT TO:<postmaster@example.com>", "RSET", "QUIT");
            assertThat(p.transcript()).extracting(TranscriptLine::line)
                    .contains("220 mx.test.example ESMTP ready", "EHLO probe.test", "221 2.0.0 Bye");
        }
    }

    @Test
    void waitsForTheFinalGreetingLineThroughAGreetPause() {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.builder()
                .greeting("220-mx.test.example ESMTP", "220-please wait", "220 mx.test.example ready")
                .greetPause(Duration.ofSeconds(2)).start()) {
            EndpointProbe p = probe(server);
            assertThat(server.earlyTalk()).as("no byte before the final 220 line").isEmpty();
            assertThat(p.greeting().reply().lines()).containsExactly("mx.test.example ESMTP", "please wait",
                    "mx.test.example ready");
            assertThat(p.greeting().firstByteMs()).isLessThan(1000);
            assertThat(p.greeting().finalLineMs()).isGreaterThanOrEqualTo(1900);
            assertThat(p.end().reason()).isEqualTo(EndReason.COMPLETED);
        }
    }

    @Test
    void aRefusingGreetingIsRecordedAndTheSessionStops() {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.builder()
                .greeting("554 5.7.1 mx.test.example: no SMTP service here").start()) {
            EndpointProbe p = probe(server);
            assertThat(p.greeting().reply().code()).isEqualTo(554);
            assertThat(p.end().reason()).isEqualTo(EndReason.GREETING_REFUSED);
            assertThat(p.ehlo()).isNull();
            assertThat(server.commands()).containsExactly("QUIT");
        }
    }

    @Test
    void fallsBackToHeloWhenEhloIsRefused() {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.builder()
                .reply("EHLO", "502 5.5.1 EHLO not implemented").start()) {
            EndpointProbe p = probe(server);
            assertThat(p.ehlo().code()).isEqualTo(502);
            assertThat(p.helo().code()).isEqualTo(250);
            assertThat(p.extensions()).isEmpty();
            assertThat(p.transactions()).isNotEmpty();
            assertThat(server.commands()).startsWith("EHLO probe.test", "HELO probe.test");
        }
    }

    @Test
    void startTlsRecordsVersionCipherCertificateAndBothExtensionLists() {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.builder().starttls()
                .extensions("PIPELINING", "AUTH PLAIN LOGIN", "SIZE 1000")
                .tlsExtensions("PIPELINING", "SIZE 1000", "8BITMIME").start()) {
            EndpointProbe p = probe(server);
            assertThat(p.extensions()).extracting(Extension::name).containsExactly("PIPELINING", "AUTH", "SIZE",
                    "STARTTLS");
            assertThat(p.extensions().get(1).params()).containsExactly("PLAIN", "LOGIN");
            assertThat(p.starttls().reply().code()).isEqualTo(220);
            assertThat(p.starttls().handshakeOk()).isTrue();
            assertThat(p.starttls().protocol()).startsWith("TLSv1.");
            assertThat(p.starttls().cipherSuite()).startsWith("TLS_");
            assertThat(p.starttls().certificate().subject()).isEqualTo("CN=mx.test.example");
            assertThat(p.starttls().certificate().san()).containsExactly("DNS:mx.test.example");
            assertThat(p.starttls().certificate().keyAlgorithm()).isEqualTo("EC 256");
            assertThat(p.starttls().certificate().sha256()).hasSize(64);
            assertThat(p.starttls().certificate().notAfter()).isAfter(Instant.now());
            assertThat(p.starttls().extensions()).extracting(Extension::name)
                    .containsExactly("PIPELINING", "SIZE", "8BITMIME");
            assertThat(p.transactions()).allMatch(Transaction::tls).allMatch(Transaction::pipelined);
            assertThat(p.transcript()).anyMatch(l -> l.dir().equals("*") && l.line().startsWith("TLS handshake: TLSv1."));
            assertThat(p.end().reason()).isEqualTo(EndReason.COMPLETED);
        }
    }

    @Test
    void aCertificateSignedWithAnAlgorithmTheJdkDisablesStillCompletesTheHandshake() {
        // Senders accept any certificate on port 25; the JDK's certpath constraints (MD5) must not make
        // the checker fail a handshake they complete: judging the certificate is the TLS posture's job.
        try (ScriptedSmtpServer server = ScriptedSmtpServer.builder()
                .starttls(TestCertificates.md5Signed("mx.test.example")).start()) {
            EndpointProbe p = probe(server);
            assertThat(p.starttls().error()).isNull();
            assertThat(p.starttls().handshakeOk()).isTrue();
            assertThat(p.starttls().certificate().subject()).isEqualTo("CN=mx.test.example");
            assertThat(p.starttls().certificate().chainLength()).isEqualTo(2);
            assertThat(p.transactions()).isNotEmpty().allMatch(Transaction::tls);
        }
    }

    @Test
    void refusedStartTlsIsRecordedAndTheSessionGoesOnInPlaintext() {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.builder().extensions("STARTTLS")
                .reply("STARTTLS", "454 4.7.0 TLS not available due to local problem").start()) {
            EndpointProbe p = probe(server);
            assertThat(p.starttls().handshakeOk()).isFalse();
            assertThat(p.starttls().reply().code()).isEqualTo(454);
            assertThat(p.starttls().error()).contains("454");
            assertThat(p.transactions()).isNotEmpty().noneMatch(Transaction::tls);
            assertThat(p.end().reason()).isEqualTo(EndReason.COMPLETED);
        }
    }

    @Test
    void aFailedHandshakeIsRecordedThenOnePlaintextReconnectRunsTheTransactions() {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.builder().starttls().hostile(Hostile.BROKEN_TLS).start()) {
            EndpointProbe p = probe(server);
            assertThat(p.starttls().handshakeOk()).isFalse();
            assertThat(p.starttls().error()).isNotBlank();
            assertThat(p.starttls().plaintextFallback()).isTrue();
            assertThat(server.connections()).isEqualTo(2);
            assertThat(p.transactions()).isNotEmpty().noneMatch(Transaction::tls);
            assertThat(p.transcript()).anyMatch(l -> l.line().startsWith("reconnecting in plaintext"));
            assertThat(server.commands()).containsOnlyOnce("STARTTLS");
            assertThat(p.end().reason()).isEqualTo(EndReason.COMPLETED);
        }
    }

    @Test
    void aRefusedNullSenderLeadsToAPostmasterProbeWithAnOrdinarySender() {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.builder().extensions("SIZE 1000")
                .reply("MAIL FROM:<>", "550 5.7.1 <>: Sender address rejected: no bounces here").start()) {
            EndpointProbe p = probe(server);
            Transaction nullSender = p.transaction(TransactionKind.NULL_SENDER).orElseThrow();
            assertThat(nullSender.mail().code()).isEqualTo(550);
            assertThat(nullSender.mail().enhanced()).isEqualTo("5.7.1");
            assertThat(nullSender.rcpt()).isNull();
            assertThat(nullSender.rcptTo()).isNull();
            Transaction postmaster = p.transaction(TransactionKind.POSTMASTER).orElseThrow();
            assertThat(postmaster.mailFrom()).isEqualTo("postmaster@probe.test");
            assertThat(postmaster.rcptTo()).isEqualTo("postmaster@example.org");
            assertThat(postmaster.rcpt().code()).isEqualTo(250);
        }
    }

    @Test
    void greylistingAnswersAreRecordedAsTheyCame() {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.builder()
                .reply("RCPT", "450 4.2.0 <postmaster@example.org>: Recipient address rejected: Greylisted").start()) {
            EndpointProbe p = probe(server);
            assertThat(p.transaction(TransactionKind.NULL_SENDER).orElseThrow().rcpt().code()).isEqualTo(450);
            assertThat(p.transaction(TransactionKind.OPEN_RELAY).orElseThrow().rcpt().enhanced()).isEqualTo("4.2.0");
        }
    }

    @Test
    void disabledProbesAreNotRun() {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.builder().start()) {
            CheckOptions none = new CheckOptions("example.org", TIMEOUT, "probe.test",
                    EnumSet.noneOf(OptionalProbe.class),
                    "postmaster@example.com");
            EndpointProbe p = probe(server, none);
            assertThat(p.transactions()).isEmpty();
            assertThat(server.commands()).containsExactly("EHLO probe.test", "QUIT");
        }
    }

    @Test
    void pipeliningSendsEveryProbeAndQuitAsOneGroupQuitLast() {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.builder().extensions("PIPELINING").start()) {
            EndpointProbe p = probe(server);
            assertThat(server.batches()).containsExactly(List.of("EHLO probe.test"), List.of(
                    "MAIL FROM:<>", "RCPT TO:<postmaster@example.org>", "RSET",
                    "MAIL FROM:<postmaster@probe.test>", "RCPT TO:<postmaster@example.org>", "RSET",
                    "MAIL FROM:<postmaster@example.com>", "RCPT TO:<postmaster@example.com>", "RSET",
                    "QUIT"));
            assertThat(p.transactions()).as("the postmaster re-probe travelled along but was not needed")
                    .extracting(Transaction::kind).containsExactly(TransactionKind.NULL_SENDER, TransactionKind.OPEN_RELAY);
            assertThat(p.transactions()).allMatch(Transaction::pipelined);
            assertThat(p.transactions()).allSatisfy(t -> {
                assertThat(t.mail().code()).isEqualTo(250);
                assertThat(t.rcpt().code()).isEqualTo(250);
                assertThat(t.rset().code()).isEqualTo(250);
            });
            assertThat(p.quit().code()).isEqualTo(221);
            assertThat(p.end().reason()).isEqualTo(EndReason.COMPLETED);
        }
    }

    @Test
    void withPipeliningARefusedNullSenderKeepsThePostmasterProbeOfTheSameGroup() {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.builder().extensions("PIPELINING")
                .reply("MAIL FROM:<>", "550 5.7.1 <>: Sender address rejected: no bounces here").start()) {
            EndpointProbe p = probe(server);
            assertThat(server.batches()).hasSize(2).last().asList().hasSize(10).last().isEqualTo("QUIT");
            assertThat(p.transactions()).extracting(Transaction::kind).containsExactly(TransactionKind.NULL_SENDER,
                    TransactionKind.POSTMASTER, TransactionKind.OPEN_RELAY);
            Transaction postmaster = p.transaction(TransactionKind.POSTMASTER).orElseThrow();
            assertThat(postmaster.mailFrom()).isEqualTo("postmaster@probe.test");
            assertThat(postmaster.rcpt().code()).isEqualTo(250);
            assertThat(p.quit().code()).isEqualTo(221);
        }
    }

    @Test
    void withoutPostmasterTestTheGroupHoldsNoReProbe() {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.builder().extensions("PIPELINING").start()) {
            probe(server, new CheckOptions("example.org", TIMEOUT, "probe.test",
                    EnumSet.of(OptionalProbe.NULL_SENDER, OptionalProbe.OPEN_RELAY),
                    "postmaster@example.com"));
            assertThat(server.batches()).last().isEqualTo(List.of("MAIL FROM:<>", "RSET",
                    "MAIL FROM:<postmaster@example.com>", "RCPT TO:<postmaster@example.com>", "RSET", "QUIT"));
        }
    }

    /** The same server, spoken to with and without PIPELINING, gets the same verdict from every rule. */
    @ParameterizedTest
    @ValueSource(strings = {"well configured", "refuses the null sender", "greylists", "refuses every recipient",
        "relays"})
    void pipeliningChangesNoVerdict(String script) {
        List<CheckState> oneAtATime = verdicts(scripted(script, "SIZE 1000"));
        List<CheckState> grouped = verdicts(scripted(script, "PIPELINING"));
        assertThat(grouped).extracting(CheckState::rule, CheckState::status, CheckState::code)
                .containsExactlyElementsOf(oneAtATime.stream()
                        .map(s -> org.assertj.core.groups.Tuple.tuple(s.rule(), s.status(), s.code())).toList());
    }

    private EndpointProbe scripted(String script, String extension) {
        ScriptedSmtpServer.Builder b = ScriptedSmtpServer.builder().extensions(extension);
        switch (script) {
            case "refuses the null sender" -> b.reply("MAIL FROM:<>", "550 5.7.1 <>: Sender address rejected");
            case "greylists" -> b.reply("RCPT", "450 4.2.0 Greylisted, try again later");
            case "refuses every recipient" -> b.reply("RCPT", "554 5.7.1 Recipient address rejected");
            case "relays" -> b.reply("RCPT TO:<postmaster@example.com>", "250 2.1.5 Ok");
            default -> b.reply("RCPT TO:<postmaster@example.com>", "554 5.7.1 Relay access denied");
        }
        try (ScriptedSmtpServer server = b.start()) {
            return probe(server);
        }
    }

    private static List<CheckState> verdicts(EndpointProbe endpoint) {
        SmtpObservation obs = new SmtpObservation("example.org", Instant.now(),
                new MxLookup(List.of(), null, false, false, false, List.of()), List.of(endpoint), null,
                SmtpObservation.SCHEMA_VERSION, null, 0, null);
        return AllRules.evaluator().evaluate(obs, RuleContext.EMPTY, null).stream()
                .filter(s -> s.rule().equals("smtp.null_sender") || s.rule().equals("smtp.postmaster")
                        || s.rule().equals("smtp.open_relay"))
                .toList();
    }

    @Test
    void fewerRepliesThanPipelinedCommandsIsAFindingNotAHang() {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.builder().extensions("PIPELINING")
                .reply("RSET").start()) {
            long t0 = System.nanoTime();
            EndpointProbe p = probe(server);
            assertThat((System.nanoTime() - t0) / 1_000_000).as("no wait for replies that never come")
                    .isLessThan(TIMEOUT.toMillis());
            assertThat(p.end().reason()).isEqualTo(EndReason.PIPELINING_MISMATCH);
            assertThat(p.end().detail()).contains("fewer replies than the 10 pipelined commands")
                    .contains("221 2.0.0 Bye");
            assertUnmatchedRepliesAreNotRecorded(p);
        }
    }

    @Test
    void moreRepliesThanPipelinedCommandsIsAFindingEvenWhenQuitsTurnLooksFine() {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.builder().extensions("PIPELINING")
                .reply("MAIL", "250 2.1.0 Ok", "250 2.1.0 Ok")
                .reply("RCPT TO:<postmaster@example.com>", "554 5.7.1 Relay access denied").start()) {
            long t0 = System.nanoTime();
            EndpointProbe p = probe(server);
            assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(TIMEOUT.toMillis() + 1000);
            assertThat(p.end().reason()).isEqualTo(EndReason.PIPELINING_MISMATCH);
            assertThat(p.end().detail()).contains("more replies than the 10 pipelined commands");
            assertUnmatchedRepliesAreNotRecorded(p);
            assertThat(verdicts(p)).filteredOn(s -> s.rule().equals("smtp.open_relay"))
                    .as("a reply out of place is never read as an open relay")
                    .extracting(CheckState::status).doesNotContain(Status.CRIT);
        }
    }

    @Test
    void aServerStallingOnThePipelinedGroupEndsAtTheDeadlineWithTheTransactionItWasIn() {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.builder().extensions("PIPELINING")
                .pause("MAIL", TIMEOUT.plusSeconds(2)).start()) {
            long t0 = System.nanoTime();
            EndpointProbe p = probe(server);
            assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(TIMEOUT.toMillis() + 1000);
            assertThat(p.end().reason()).isEqualTo(EndReason.DEADLINE);
            assertThat(p.end().phase()).isEqualTo(Phase.MAIL);
            assertThat(p.transactions()).singleElement().satisfies(t -> {
                assertThat(t.kind()).isEqualTo(TransactionKind.NULL_SENDER);
                assertThat(t.mail()).isNull();
                assertThat(t.error()).contains("deadline");
            });
        }
    }

    private static void assertUnmatchedRepliesAreNotRecorded(EndpointProbe p) {
        assertThat(p.transactions()).extracting(Transaction::kind)
                .containsExactly(TransactionKind.NULL_SENDER, TransactionKind.OPEN_RELAY);
        assertThat(p.transactions()).allSatisfy(t -> {
            assertThat(t.mail()).isNull();
            assertThat(t.rcpt()).isNull();
            assertThat(t.error()).isEqualTo(p.end().detail());
        });
        assertThat(p.quit()).isNull();
        assertThat(p.transcript()).anyMatch(l -> l.dir().equals("*") && l.line().contains("pipelined commands"));
    }

    @Test
    void a421EndsTheSessionWithTheServersReply() {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.builder()
                .reply("MAIL", "421 4.3.2 mx.test.example Service shutting down").start()) {
            EndpointProbe p = probe(server);
            assertThat(p.end().reason()).isEqualTo(EndReason.CONNECTION_CLOSED);
            assertThat(p.end().phase()).isEqualTo(Phase.MAIL);
            assertThat(p.end().detail()).contains("421 4.3.2");
            assertThat(p.transactions()).hasSize(1);
            assertThat(p.transactions().get(0).mail().code()).isEqualTo(421);
        }
    }

    @Test
    void aClosedPortIsRefused() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        EndpointProbe p = prober.probe(new EndpointTarget("mx.test.example", 10, InetAddress.getLoopbackAddress(), port),
                options(), Deadline.after(TIMEOUT, CLOCK), NO_PHASES);
        EVERY_PROBE.add(p);
        assertThat(p.connect().ok()).isFalse();
        assertThat(p.connect().failure()).isEqualTo(ConnectFailure.REFUSED);
        assertThat(p.end().reason()).isEqualTo(EndReason.CONNECT_FAILED);
        assertThat(p.greeting()).isNull();
    }

    @Test
    void ipv6OnLoopback() throws Exception {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.builder().address(InetAddress.getByName("::1")).start()) {
            EndpointProbe p = probe(server);
            assertThat(p.family()).isEqualTo(IpFamily.IPV6);
            assertThat(p.address()).isEqualTo("::1");
            assertThat(p.end().reason()).isEqualTo(EndReason.COMPLETED);
        }
    }

    @Test
    void aServerThatNeverGreetsIsCutAtTheDeadline() {
        assertEndsInTime(Hostile.NEVER_GREET, EndReason.DEADLINE, Phase.GREETING);
    }

    @Test
    void aServerThatDripsCannotStretchTheDeadline() {
        assertEndsInTime(Hostile.DRIP, EndReason.DEADLINE, Phase.GREETING);
    }

    @Test
    void anEndlessReplyHitsTheLineCountLimit() {
        EndpointProbe p = assertEndsInTime(Hostile.ENDLESS_REPLY, EndReason.LIMIT_REPLY_LINES, Phase.GREETING);
        assertThat(p.transcript().stream().filter(l -> l.dir().equals("S")).count()).isLessThanOrEqualTo(20);
    }

    @Test
    void anOverlongLineHitsTheLineLengthLimit() {
        assertEndsInTime(Hostile.LONG_LINE, EndReason.LIMIT_LINE_LENGTH, Phase.GREETING);
    }

    @Test
    void somethingThatIsNotSmtpIsAProtocolError() {
        EndpointProbe p = assertEndsInTime(Hostile.GARBAGE, EndReason.PROTOCOL_ERROR, Phase.GREETING);
        assertThat(p.end().detail()).contains("HTTP/1.1 400");
    }

    @Test
    void aStalledTlsHandshakeEndsAtTheDeadline() {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.builder().starttls().hostile(Hostile.STALLED_TLS).start()) {
            long t0 = System.nanoTime();
            EndpointProbe p = probe(server);
            assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(TIMEOUT.toMillis() + 1000);
            assertThat(p.end().reason()).isEqualTo(EndReason.DEADLINE);
            assertThat(p.end().phase()).isEqualTo(Phase.TLS_HANDSHAKE);
            assertThat(server.connections()).as("no reconnect once the time is up").isEqualTo(1);
        }
    }

    @Test
    void aServerClosingMidReplyIsRecorded() {
        assertEndsInTime(Hostile.CLOSE_MID_REPLY, EndReason.CONNECTION_CLOSED, Phase.EHLO);
    }

    @Test
    void theSessionByteBudgetHolds() {
        SmtpProber tight = new SmtpProber(new SmtpLimits(1000, 10_000, 2_000));
        try (ScriptedSmtpServer server = ScriptedSmtpServer.builder().hostile(Hostile.ENDLESS_REPLY).start()) {
            EndpointProbe p = tight.probe(new EndpointTarget("mx.test.example", 10, server.address(), server.port()),
                    options(), Deadline.after(TIMEOUT, CLOCK), NO_PHASES);
            EVERY_PROBE.add(p);
            assertThat(p.end().reason()).isEqualTo(EndReason.LIMIT_SESSION_BYTES);
        }
    }

    private EndpointProbe assertEndsInTime(Hostile behaviour, EndReason expected, Phase phase) {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.builder().hostile(behaviour).start()) {
            long t0 = System.nanoTime();
            EndpointProbe p = probe(server);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertThat(ms).as("ends within timeout + 1 s").isLessThan(TIMEOUT.toMillis() + 1000);
            assertThat(p.end().reason()).isEqualTo(expected);
            assertThat(p.end().phase()).isEqualTo(phase);
            assertThat(p.end().detail()).isNotBlank();
            assertThat(p.transcript()).anyMatch(l -> l.dir().equals("*") && l.line().startsWith("session ended"));
            return p;
        }
    }
}
