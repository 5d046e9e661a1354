package org.checkersmtp.collect;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.checkersmtp.observation.AddressResolution;
import org.checkersmtp.observation.EndReason;
import org.checkersmtp.observation.EndpointProbe;
import org.checkersmtp.observation.Extension;
import org.checkersmtp.observation.IpFamily;
import org.checkersmtp.observation.SmtpObservation;
import org.checkersmtp.observation.Transaction;
import org.checkersmtp.observation.TransactionKind;
import org.checkersmtp.observation.TranscriptLine;
import org.checkersmtp.options.CheckOptions;
import org.checkersmtp.observation.OptionalProbe;
import org.checkersmtp.rules.AllRules;
import org.checkersmtp.rules.CheckState;
import org.checkersmtp.rules.RuleContext;
import org.checkersmtp.rules.States;
import org.checkersmtp.rules.Status;
import org.checkersmtp.testsupport.TestCollectors;
import org.checkersmtp.testsupport.realservers.KnotServer;
import org.checkersmtp.testsupport.realservers.PostfixInstance;
import org.checkersmtp.testsupport.realservers.PostfixInstance.Personality;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The collector against real servers: Postfix personalities on 127.0.0.2–5 (port 25) and a Knot
 * server authoritative for the test zones. The test starts and stops them itself.
 */
class RealServersEndToEndTest {

    static KnotServer knot;
    static PostfixInstance good;
    static PostfixInstance relay;
    static PostfixInstance strict;
    static PostfixInstance grey;
    static SmtpCollector collector;
    static final List<SmtpObservation> COLLECTED = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startServers() {
        knot = KnotServer.builder()
                .zone("good.test", "@ MX 10 mx\nmx A 127.0.0.2\nmx AAAA ::1")
                .zone("relay.test", "@ MX 10 mx\nmx A 127.0.0.3")
                .zone("strict.test", "@ MX 10 mx\nmx A 127.0.0.4")
                .zone("grey.test", "@ MX 10 mx\nmx A 127.0.0.5")
                .zone("nullmx.test", "@ MX 0 .")
                .zone("cname.test", "@ MX 10 alias\nalias CNAME mx.good.test.")
                .zone("unresolved.test", "@ MX 10 gone\n@ MX 20 mx.good.test.")
                .zone("v6only.test", "@ MX 10 mx6\nmx6 AAAA ::1")
                .zone("multi.test", "@ MX 10 mx.good.test.\n@ MX 20 mx.relay.test.")
                .zone("0.0.127.in-addr.arpa", "2 PTR mx.good.test.\n3 PTR mx.elsewhere.test.")
                .zone("0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.ip6.arpa",
                        "1 PTR mx.good.test.")
                .start();
        var started = List.of(
                CompletableFuture.supplyAsync(() -> PostfixInstance.start(Personality.GOOD, "127.0.0.2", "good.test", true)),
                CompletableFuture.supplyAsync(() -> PostfixInstance.start(Personality.OPEN_RELAY, "127.0.0.3", "relay.test", false)),
                CompletableFuture.supplyAsync(() -> PostfixInstance.start(Personality.STRICT, "127.0.0.4", "strict.test", false)),
                CompletableFuture.supplyAsync(() -> PostfixInstance.start(Personality.GREYLIST, "127.0.0.5", "grey.test", false)));
        good = started.get(0).join();
        relay = started.get(1).join();
        strict = started.get(2).join();
        grey = started.get(3).join();
        collector = new SmtpCollector(TestCollectors.properties(knot.address(), 25, Duration.ofSeconds(60)),
                Clock.systemUTC());
    }

    @AfterAll
    static void stopServers() {
        List<AutoCloseable> all = new ArrayList<>();
        for (AutoCloseable s : new AutoCloseable[] {good, relay, strict, grey, knot}) {
            if (s != null) {
                all.add(s);
            }
        }
        all.forEach(s -> {
            try {
                s.close();
            } catch (Exception ignored) {
                // Best effort.
            }
        });
        if (collector != null) {
            collector.shutdown();
        }
        assertThat(COLLECTED).isNotEmpty();
        for (SmtpObservation obs : COLLECTED) {
            for (EndpointProbe e : obs.endpoints()) {
                assertThat(e.transcript()).as("DATA is never sent").noneMatch(l ->
                        l.dir().equals(TranscriptLine.CLIENT) && l.line().toUpperCase().startsWith("DATA"));
            }
        }
    }

    static SmtpObservation collect(String domain) {
        SmtpObservation obs = collector.collect(new CheckOptions(domain, Duration.ofSeconds(10),
                "probe.checker.test", EnumSet.allOf(OptionalProbe.class), "postmaster@example.com"));
        COLLECTED.add(obs);
        return obs;
    }

    static EndpointProbe endpoint(SmtpObservation obs, String address) {
        return obs.endpoints().stream().filter(e -> e.address().equals(address)).findFirst().orElseThrow();
    }

    @Test
    void wellConfiguredPostfixWithStartTls() {
        SmtpObservation obs = collect("good.test");
        assertThat(obs.mx().records()).singleElement().satisfies(r -> {
            assertThat(r.target()).isEqualTo("mx.good.test");
            assertThat(r.ipv4()).containsExactly("127.0.0.2");
        });
        EndpointProbe e = endpoint(obs, "127.0.0.2");
        assertThat(e.end().reason()).isEqualTo(EndReason.COMPLETED);
        assertThat(e.greeting().reply().lines()).containsExactly(good.banner());
        assertThat(e.transcript()).extracting(TranscriptLine::dir, TranscriptLine::line).contains(
                org.assertj.core.groups.Tuple.tuple("S", "220 " + good.banner()),
                org.assertj.core.groups.Tuple.tuple("C", "EHLO probe.checker.test"),
                org.assertj.core.groups.Tuple.tuple("C", "STARTTLS"));
        assertThat(e.extensions()).extracting(Extension::name).contains("PIPELINING", "STARTTLS", "8BITMIME", "SIZE");
        assertThat(e.starttls().handshakeOk()).as("handshake: %s\n%s", e.starttls().error(), good.log()).isTrue();
        assertThat(e.starttls().protocol()).isEqualTo("TLSv1.3");
        assertThat(e.starttls().cipherSuite()).startsWith("TLS_");
        assertThat(e.starttls().certificate().sha256()).isEqualTo(good.certificateSha256());
        assertThat(e.starttls().certificate().san()).containsExactly("DNS:mx.good.test");
        assertThat(e.starttls().extensions()).extracting(Extension::name)
                .contains("PIPELINING", "8BITMIME").doesNotContain("STARTTLS");
        assertThat(e.reverseDns().ptr()).containsExactly("mx.good.test");
        assertThat(e.reverseDns().forwardConfirmed()).isTrue();

        Transaction nullSender = e.transaction(TransactionKind.NULL_SENDER).orElseThrow();
        assertThat(nullSender.tls()).isTrue();
        assertThat(nullSender.pipelined()).isTrue();
        assertThat(nullSender.mail().code()).isEqualTo(250);
        assertThat(nullSender.rcpt().code()).isEqualTo(250);
        assertThat(nullSender.rcptTo()).isEqualTo("postmaster@good.test");
        assertThat(e.transaction(TransactionKind.POSTMASTER)).isEmpty();
        Transaction relayProbe = e.transaction(TransactionKind.OPEN_RELAY).orElseThrow();
        assertThat(relayProbe.rcpt().code()).isEqualTo(554);
        assertThat(relayProbe.rcpt().enhanced()).isEqualTo("5.7.1");
        assertThat(relayProbe.rcpt().lines().get(0)).contains("Relay access denied");

        List<TranscriptLine> client = e.transcript().stream().filter(l -> l.dir().equals("C")).toList();
        assertThat(client.get(client.size() - 1).line()).isEqualTo("QUIT");
        assertThat(e.quit().code()).isEqualTo(221);
        int group = e.transcript().indexOf(e.transcript().stream().filter(l -> l.line().equals("MAIL FROM:<>"))
                .findFirst().orElseThrow());
        assertThat(e.transcript().subList(group, group + 10)).as("every probe and QUIT in one pipelined group")
                .allMatch(l -> l.dir().equals("C")).last().extracting(TranscriptLine::line).isEqualTo("QUIT");

        EndpointProbe v6 = endpoint(obs, "::1");
        assertThat(v6.family()).isEqualTo(IpFamily.IPV6);
        assertThat(v6.end().reason()).isEqualTo(EndReason.COMPLETED);
        assertThat(obs.coverage().ipv6Reachable()).isEqualTo(1);
    }

    @Test
    void openRelayAcceptsTheOutsideRecipient() {
        EndpointProbe e = endpoint(collect("relay.test"), "127.0.0.3");
        assertThat(e.starttls()).isNull();
        Transaction relayProbe = e.transaction(TransactionKind.OPEN_RELAY).orElseThrow();
        assertThat(relayProbe.rcptTo()).isEqualTo("postmaster@example.com");
        assertThat(relayProbe.rcpt().code()).isEqualTo(250);
        assertThat(e.reverseDns().ptr()).containsExactly("mx.elsewhere.test");
        assertThat(e.reverseDns().forwardConfirmed()).isFalse();
    }

    @Test
    void strictServerRefusesTheNullSenderAndPostmaster() {
        EndpointProbe e = endpoint(collect("strict.test"), "127.0.0.4");
        Transaction nullSender = e.transaction(TransactionKind.NULL_SENDER).orElseThrow();
        assertThat(nullSender.mail().code()).as("Postfix delays the sender verdict to RCPT").isEqualTo(250);
        assertThat(nullSender.rcpt().code()).isEqualTo(554);
        assertThat(nullSender.rcpt().lines().get(0)).contains("Sender address rejected");
        Transaction postmaster = e.transaction(TransactionKind.POSTMASTER).orElseThrow();
        assertThat(postmaster.mailFrom()).isEqualTo("postmaster@probe.checker.test");
        assertThat(postmaster.rcpt().code()).isEqualTo(554);
        assertThat(postmaster.rcpt().lines().get(0)).contains("Recipient address rejected");
        assertThat(e.reverseDns().error()).isEqualTo("nxdomain");
    }

    @Test
    void greylistingServerAnswersTemporarily() {
        EndpointProbe e = endpoint(collect("grey.test"), "127.0.0.5");
        Transaction nullSender = e.transaction(TransactionKind.NULL_SENDER).orElseThrow();
        assertThat(nullSender.rcpt().code()).isEqualTo(450);
        assertThat(e.transaction(TransactionKind.POSTMASTER).orElseThrow().rcpt().code()).isEqualTo(450);
        assertThat(e.transaction(TransactionKind.OPEN_RELAY).orElseThrow().rcpt().code()).isEqualTo(554);
    }

    /** The verdicts of every rule on what the real servers said (issue: the sixteen rules, end to end). */
    static List<CheckState> verdicts(SmtpObservation obs) {
        return AllRules.evaluator().evaluate(obs, RuleContext.EMPTY, null);
    }

    static List<CheckState> of(List<CheckState> states, String rule) {
        return states.stream().filter(s -> rule.equals(s.rule())).toList();
    }

    @Test
    void theGoodServerGetsNoWarningOrCriticalVerdict() {
        List<CheckState> states = verdicts(collect("good.test"));
        assertThat(states).extracting(CheckState::rule).contains("smtp.starttls_handshake", "smtp.open_relay");
        assertThat(states).as("verdicts for the well-configured Postfix").allSatisfy(s ->
                assertThat(s.status()).as(s.rule() + ": " + s.message()).isIn(Status.OK, Status.INFO));
        assertThat(of(states, "smtp.open_relay")).extracting(CheckState::status).containsOnly(Status.OK);
    }

    @Test
    void theOpenRelayIsCritical() {
        List<CheckState> relayStates = of(verdicts(collect("relay.test")), "smtp.open_relay");
        CheckState s = relayStates.get(0);
        assertThat(s.status()).isEqualTo(Status.CRIT);
        assertThat(s.code()).isEqualTo("smtp.open_relay");
        assertThat(s.subject()).isEqualTo("mx.relay.test/127.0.0.3");
        assertThat(s.metaString(States.EVIDENCE)).contains("RCPT TO:<postmaster@example.com> → 250 2.1.5 Ok");
        assertThat(s.metaString(States.REPRODUCE)).startsWith("swaks --server 127.0.0.3");
    }

    @Test
    void theStrictServerFailsNullSenderAndPostmaster() {
        List<CheckState> states = verdicts(collect("strict.test"));
        CheckState nullSender = of(states, "smtp.null_sender").get(0);
        assertThat(nullSender.status()).as(nullSender.message()).isEqualTo(Status.CRIT);
        assertThat(nullSender.code()).isEqualTo("smtp.null_sender.rejected");
        CheckState postmaster = of(states, "smtp.postmaster").get(0);
        assertThat(postmaster.status()).as(postmaster.message()).isEqualTo(Status.CRIT);
        assertThat(postmaster.message()).contains("RCPT TO:<postmaster@strict.test> rejected with 554 5.7.1");
    }

    @Test
    void greylistingIsAWarningNotACriticalVerdict() {
        List<CheckState> states = verdicts(collect("grey.test"));
        for (String rule : List.of("smtp.null_sender", "smtp.postmaster")) {
            CheckState s = of(states, rule).get(0);
            assertThat(s.status()).as(rule + ": " + s.message()).isEqualTo(Status.WARN);
            assertThat(s.message()).contains("inconclusive").contains("temporarily refused with 450 4.");
        }
        assertThat(of(states, "smtp.open_relay").get(0).status()).isEqualTo(Status.OK);
    }

    @Test
    void dnsCasesServedByKnot() {
        SmtpObservation nullMx = collect("nullmx.test");
        assertThat(nullMx.mx().nullMx()).isTrue();
        assertThat(nullMx.endpoints()).isEmpty();

        SmtpObservation cname = collect("cname.test");
        assertThat(cname.mx().records().get(0).cnameChain()).containsExactly("mx.good.test");
        assertThat(cname.mx().records().get(0).ipv4()).containsExactly("127.0.0.2");
        assertThat(endpoint(cname, "127.0.0.2").end().reason()).isEqualTo(EndReason.COMPLETED);

        SmtpObservation unresolved = collect("unresolved.test");
        assertThat(unresolved.mx().records()).extracting(r -> r.resolution())
                .containsExactly(AddressResolution.NXDOMAIN, AddressResolution.OK);
        assertThat(unresolved.endpoints()).extracting(EndpointProbe::target).containsOnly("mx.good.test");

        SmtpObservation v6only = collect("v6only.test");
        assertThat(v6only.endpoints()).singleElement().satisfies(e -> {
            assertThat(e.family()).isEqualTo(IpFamily.IPV6);
            assertThat(e.connected()).isTrue();
        });
        assertThat(v6only.coverage().ipv4Endpoints()).isZero();

        SmtpObservation multi = collect("multi.test");
        assertThat(multi.mx().records()).extracting(r -> r.target()).containsExactly("mx.good.test", "mx.relay.test");
        assertThat(multi.endpoints()).extracting(EndpointProbe::address)
                .containsExactly("127.0.0.2", "::1", "127.0.0.3");

        SmtpObservation absent = collect("absent.good.test");
        assertThat(absent.mx().nxdomain()).isTrue();
    }
}
