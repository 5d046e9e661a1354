package org.checkersmtp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.checkersmtp.json.GoJson;
import org.checkersmtp.testsupport.ScriptedSmtpServer;
import org.checkersmtp.testsupport.ZoneDnsServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The command line against the in-JVM fixtures: a well-behaved MX on 127.0.0.52, an open relay on
 * 127.0.0.53 (both on one ephemeral port, which --checker.smtp.port points at), a zone server for --dns.
 */
class CheckCommandTest {

    private static ScriptedSmtpServer clean;
    private static ScriptedSmtpServer relay;
    private static ScriptedSmtpServer hostile;
    private static ZoneDnsServer dns;

    /** What a hostile MX puts in its text: CSI (erase line, colour), OSC (window title), BEL, BS, bare CR. */
    private static final String FORGERY = "\u001b[2K\u001b]0;owned\u0007\u001b[32m\b\b\rSMTP OK - forged\u001b[0m";

    @BeforeAll
    static void start() throws Exception {
        clean = ScriptedSmtpServer.builder().address(InetAddress.getByName("127.0.0.52")).port(0)
                .hostname("mx.clean.test").greeting("220 mx.clean.test ESMTP").starttls()
                .reply("RCPT TO:<postmaster@example.com>", "554 5.7.1 Relay access denied").start();
        relay = ScriptedSmtpServer.builder().address(InetAddress.getByName("127.0.0.53")).port(clean.port())
                .hostname("mx.relay.test").greeting("220 mx.relay.test ESMTP").starttls().start();
        hostile = ScriptedSmtpServer.builder().address(InetAddress.getByName("127.0.0.54")).port(clean.port())
                .hostname("mx.hostile.test").greeting("220 mx.hostile.test " + FORGERY)
                .reply("MAIL FROM:<>", "550 5.7.1 " + FORGERY)
                .reply("RCPT TO:<postmaster@example.com>", "250 2.1.5 " + FORGERY).start();
        dns = new ZoneDnsServer(String.join("\n",
                "hostile.test. 300 IN MX 10 mx.hostile.test.",
                "mx.hostile.test. 300 IN A 127.0.0.54",
                "clean.test. 300 IN MX 10 mx.clean.test.",
                "mx.clean.test. 300 IN A 127.0.0.52",
                "52.0.0.127.in-addr.arpa. 300 IN PTR mx.clean.test.",
                "relay.test. 300 IN MX 10 mx.relay.test.",
                "mx.relay.test. 300 IN A 127.0.0.53",
                "53.0.0.127.in-addr.arpa. 300 IN PTR mx.relay.test.",
                "broken.test. 300 IN MX 10 mx.broken.test."))
                .misbehave("broken.test", ZoneDnsServer.Misbehaviour.SERVFAIL);
    }

    @AfterAll
    static void stop() {
        clean.close();
        relay.close();
        hostile.close();
        dns.close();
    }

    record Run(int exit, String out, String err) {
        String firstLine() {
            return out.lines().findFirst().orElse("");
        }
    }

    /** The fixtures' resolver and port, private addresses allowed: what a test adds to a real command line. */
    private static List<String> fixtures(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--dns", dns.address(), "--checker.smtp.port=" + clean.port(),
                "--checker.targets.allow-private=true"));
        return all;
    }

    private static Run run(boolean terminal, Map<String, String> env, List<String> args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = CheckCommand.run(args.toArray(new String[0]), CheckCommand.Console.of(
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                terminal, env));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Run run(String... args) {
        return run(false, Map.of(), fixtures(args));
    }

    private static final String PERFDATA = " \\| endpoints=1;;;0 reachable=1;;;0 time=[0-9]+\\.[0-9]{3}s;;;0";

    @Test
    void aCleanDomainIsOkWithItsPerfdata() {
        Run r = run("clean.test", "--no-tls-posture");
        assertThat(r.exit()).as(r.out()).isZero();
        assertThat(r.firstLine()).matches("SMTP OK - clean\\.test: no problem found; 1 of 1 endpoint reachable"
                + PERFDATA);
        assertThat(r.out()).contains("What to fix first\n  Nothing: no rule found a problem.")
                .contains("\nMX 10 mx.clean.test\n  OK      smtp.mx_sanity.ok: ")
                .contains("\n  127.0.0.52  reachable, 220 mx.clean.test ESMTP, STARTTLS TLSv1.3, completed in ")
                .contains("OK      smtp.open_relay.refused: ")
                .doesNotContain("\u001b[");
    }

    @Test
    void anOpenRelayIsCriticalAndComesFirstInWhatToFix() {
        Run r = run("relay.test", "--no-tls-posture");
        assertThat(r.exit()).as(r.out()).isEqualTo(2);
        assertThat(r.firstLine()).matches("SMTP CRITICAL - relay\\.test: 1 critical \\(smtp\\.open_relay at "
                + "mx\\.relay\\.test/127\\.0\\.0\\.53\\); 1 of 1 endpoint reachable" + PERFDATA);
        String fixes = r.out().substring(r.out().indexOf("What to fix first"), r.out().indexOf("Domain relay.test"));
        assertThat(fixes).contains("CRIT    smtp.open_relay at mx.relay.test/127.0.0.53")
                .contains("Fix: ").contains("Evidence: RCPT TO:<postmaster@example.com>");
    }

    /**
     * LANG (or LC_ALL) names the reader's language, --lang overrides it: the report's words and the findings are
     * in it; the status words, perfdata, codes, commands and the exit code stay as they are.
     */
    @Test
    void theReportIsInTheLanguageOfLangOrOfTheLangOption() {
        Run french = run(false, Map.of("LANG", "fr_FR.UTF-8"), fixtures("relay.test", "--no-tls-posture"));
        assertThat(french.exit()).as(french.out()).isEqualTo(2);
        assertThat(french.firstLine()).matches("SMTP CRITICAL - relay\\.test\u00a0: 1 critique \\(smtp\\.open_relay sur "
                + "mx\\.relay\\.test/127\\.0\\.0\\.53\\)\u00a0; 1 sur 1 point de livraison joignable" + PERFDATA);
        assertThat(french.out()).contains("\nÀ corriger en priorité\n  CRIT    smtp.open_relay sur mx.relay.test/127.0.0.53\n")
                .contains("est un relais ouvert\u00a0: il a accepté un message de <")
                .contains("\n        Correction\u00a0: Postfix\u00a0: smtpd_relay_restrictions = permit_mynetworks")
                .contains("\n        Reproduire\u00a0: swaks --server 127.0.0.53 --port 25")
                .contains("\nDomaine relay.test\n")
                .contains("\nMX 10 mx.relay.test\n  OK      smtp.mx_sanity.ok\u00a0: ")
                .contains("\n  127.0.0.53  joignable, 220 mx.relay.test ESMTP, STARTTLS TLSv1.3, terminée en ")
                .doesNotContain("is an open relay", "What to fix first", "Fix:", "Domain ", "completed in");
        Run english = run(false, Map.of("LC_ALL", "fr_FR.UTF-8"), fixtures("relay.test", "--no-tls-posture",
                "--lang", "en"));
        assertThat(english.out()).contains("is an open relay: it accepted mail from <").contains("\nWhat to fix first\n")
                .doesNotContain("relais ouvert", "À corriger");
        Run option = run(false, Map.of(), fixtures("relay.test", "--no-tls-posture", "--lang", "fr"));
        assertThat(option.exit()).isEqualTo(2);
        assertThat(option.out()).contains("est un relais ouvert", "\nÀ corriger en priorité\n");
        Run json = run(false, Map.of("LANG", "fr_FR.UTF-8"), fixtures("relay.test", "--no-tls-posture", "--json"));
        assertThat(json.out()).contains("is an open relay").doesNotContain("relais ouvert");
        Run unknown = run("relay.test", "--lang", "xx");
        assertThat(unknown.exit()).isEqualTo(3);
        assertThat(unknown.firstLine()).startsWith("SMTP UNKNOWN - invalid --lang: \"xx\" is not one of the report's "
                + "languages (en, fr)");
    }

    /** Each optional probe has its --no-… flag, and the flag turns that probe off on the wire. */
    @Test
    void eachOptionalProbeHasAFlagThatTurnsItOff() {
        String help = run(false, Map.of(), List.of("--help")).out();
        assertThat(help).contains("--no-null-sender", "--no-postmaster", "--no-open-relay");
        Run r = run("relay.test", "--no-tls-posture", "--no-open-relay", "--json");
        JsonNode probe = GoJson.mapper().readTree(r.out()).get("observation").get("probe");
        assertThat(probe.get("test_open_relay").asBoolean()).isFalse();
        assertThat(probe.get("test_null_sender").asBoolean()).isTrue();
        assertThat(probe.get("test_postmaster").asBoolean()).isTrue();
        assertThat(r.exit()).as("the relay went untested, so nothing is critical").isNotEqualTo(2);
    }

    @Test
    void aDnsFailureIsUnknown() {
        Run r = run("broken.test");
        assertThat(r.exit()).as(r.out()).isEqualTo(3);
        assertThat(r.firstLine()).startsWith("SMTP UNKNOWN - broken.test: ")
                .containsPattern("[0-9]+ undetermined \\(smtp\\.[a-z_.]+ at broken\\.test\\); 0 of 0 endpoints reachable"
                        + " \\| endpoints=0;;;0 reachable=0;;;0 time=[0-9.]+s;;;0$");
        assertThat(r.out()).contains("ERROR   smtp.mx_present.lookup_failed at broken.test");
    }

    @Test
    void badInputIsUnknownNamesTheOptionAndReachesNothing() {
        int connections = clean.connections() + relay.connections();
        int queries = dns.udpQueries() + dns.tcpQueries();
        assertThat(run("clean.test", "--timeout", "-1")).satisfies(r -> {
            assertThat(r.exit()).isEqualTo(3);
            assertThat(r.out()).isEqualTo("SMTP UNKNOWN - invalid --timeout: must be a positive number of seconds, "
                    + "got -1.0\n");
        });
        assertThat(run("clean.test", "--timeout", "soon").firstLine())
                .startsWith("SMTP UNKNOWN - Invalid value for option '--timeout': 'soon' is not a double");
        assertThat(run("clean.test", "--helo", "not a host").firstLine())
                .startsWith("SMTP UNKNOWN - invalid --helo: ");
        assertThat(run("clean.test", "--probe-address", "nobody").firstLine())
                .startsWith("SMTP UNKNOWN - invalid --probe-address: ");
        assertThat(run("clean..test").firstLine()).startsWith("SMTP UNKNOWN - invalid DOMAIN: ");
        assertThat(run(false, Map.of(), List.of("clean.test", "--dns", "127.0.0.1:99999")).out())
                .isEqualTo("SMTP UNKNOWN - invalid --dns: bad port in \"127.0.0.1:99999\"\n");
        Run unknown = run("clean.test", "--frobnicate");
        assertThat(unknown.exit()).isEqualTo(3);
        assertThat(unknown.firstLine()).isEqualTo("SMTP UNKNOWN - Unknown option: '--frobnicate'");
        assertThat(unknown.err()).contains("Usage: check [-h]");
        assertThat(run(false, Map.of(), List.of()).firstLine())
                .isEqualTo("SMTP UNKNOWN - Missing required parameter: 'DOMAIN'");
        assertThat(clean.connections() + relay.connections()).isEqualTo(connections);
        assertThat(dns.udpQueries() + dns.tcpQueries()).isEqualTo(queries);
    }

    @Test
    void aBadPropertyIsUnknownOnOneLineNamingIt() {
        Run r = run("clean.test", "--checker.probe.max-parallel=0");
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.out().lines().count()).as(r.out()).isEqualTo(1);
        assertThat(r.firstLine()).isEqualTo("SMTP UNKNOWN - cannot start: checker.probe.maxParallel: must be greater "
                + "than or equal to 1 (got 0)");
        assertThat(run("clean.test", "--checker.smtp.port=twenty-five").firstLine())
                .isEqualTo("SMTP UNKNOWN - cannot start: Failed to bind properties under 'checker.smtp.port' to int");
    }

    @Test
    void helpIsUsageAndExitsZero() {
        Run r = run(false, Map.of(), List.of("--help"));
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("Usage: check [-h]").contains("--no-tls-posture").contains("--dns=HOST:PORT")
                .contains("Exit status: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN");
    }

    @Test
    void jsonIsTheObservationWithItsStatesAndTheTlsPosture() {
        Run r = run("relay.test", "--json");
        assertThat(r.exit()).isEqualTo(2);
        JsonNode json = GoJson.mapper().readTree(r.out());
        assertThat(json.get("status").asString()).isEqualTo("CRITICAL");
        assertThat(json.get("exit_code").asInt()).isEqualTo(2);
        assertThat(json.get("observation").get("domain").asString()).isEqualTo("relay.test");
        assertThat(json.get("observation").get("endpoints").get(0).get("address").asString()).isEqualTo("127.0.0.53");
        assertThat(json.get("observation").has("tls_posture")).as("TLS posture runs by default").isTrue();
        List<String> codes = new ArrayList<>();
        json.get("states").forEach(s -> codes.add(s.get("code").asString()));
        assertThat(codes).contains("smtp.open_relay");
        json.get("states").forEach(s -> assertThat(s.get("rule").asString()).startsWith("smtp."));
    }

    /** happyDomain sets no upper bound on timeout: a long one is accepted and capped by the collect deadline. */
    @Test
    void aTimeoutBeyondTheCollectDeadlineIsCappedAndRecorded() {
        Run r = run("clean.test", "--no-tls-posture", "--json", "--timeout", "600",
                "--checker.probe.collect-timeout=20s");
        assertThat(r.exit()).as(r.out()).isZero();
        JsonNode probe = GoJson.mapper().readTree(r.out()).get("observation").get("probe");
        assertThat(probe.get("timeout_ms").asLong()).isEqualTo(600_000);
        assertThat(probe.get("effective_timeout_ms").asLong()).isEqualTo(20_000);
        assertThat(run("clean.test", "--timeout", "0").out())
                .isEqualTo("SMTP UNKNOWN - invalid --timeout: must be a positive number of seconds, got 0.0\n");
    }

    /** Every address refused by the target policy: nothing was probed, which is no OK. */
    @Test
    void aCheckThatProbedNothingIsUnknownAndSaysWhy() {
        Run r = run(false, Map.of(), List.of("clean.test", "--no-tls-posture", "--dns", dns.address(),
                "--checker.smtp.port=" + clean.port()));
        assertThat(r.exit()).as(r.out()).isEqualTo(3);
        assertThat(r.firstLine()).startsWith("SMTP UNKNOWN - clean.test: nothing was tested: every address was "
                + "refused by the target policy; 0 of 1 endpoint reachable | ");
    }

    /** Server text is shown, never obeyed: no byte from the MX may retitle the terminal or rewrite a line. */
    @Test
    void controlCharactersAServerSendsAreShownVisiblyNeverWritten() {
        for (boolean terminal : List.of(false, true)) {
            Run r = run(terminal, Map.of(), fixtures("hostile.test", "--no-tls-posture"));
            assertThat(r.exit()).as(r.out()).isEqualTo(2);
            assertThat(r.out()).contains("220 mx.hostile.test \\x1b[2K\\x1b]0;owned\\x07\\x1b[32m\\x08\\x08\\x0dSMTP OK");
            assertThat(r.out().lines()).noneMatch(l -> l.startsWith("SMTP OK"));
            if (terminal) { // our own colour codes aside, nothing the server sent is written raw
                assertThat(r.out()).doesNotContain("\u001b]", "\u001b[2K", "\u0007", "\b", "\r");
            } else {
                assertThat(r.out()).as(r.out()).doesNotContainPattern("[\\p{Cntrl}&&[^\\n]]");
            }
        }
    }

    /** A bad resolver is one line naming the option and why, its value escaped; nothing starts, nothing is asked. */
    @Test
    void aBadResolverIsOneLineNamingTheOptionAndTheReason() {
        int queries = dns.udpQueries() + dns.tcpQueries();
        for (String bad : List.of("bad.invalid", ":53", "a:b:c", "")) {
            Run r = run(false, Map.of(), List.of("clean.test", "--dns=" + bad));
            assertThat(r.exit()).as(bad).isEqualTo(3);
            assertThat(r.out()).as(bad).startsWith("SMTP UNKNOWN - invalid --dns: ").hasLineCount(1);
        }
        assertThat(run(false, Map.of(), List.of("clean.test", "--dns=")).out())
                .isEqualTo("SMTP UNKNOWN - invalid --dns: empty resolver address\n");
        assertThat(run(false, Map.of(), List.of("clean.test", "--dns=bad.invalid")).out())
                .isEqualTo("SMTP UNKNOWN - invalid --dns: cannot resolve host \"bad.invalid\"\n");
        assertThat(run(false, Map.of(), List.of("clean.test", "--dns=x\r\nSMTP OK - forged")).out())
                .isEqualTo("SMTP UNKNOWN - invalid --dns: cannot resolve host \"x\\x0d\\x0aSMTP OK - forged\"\n");
        Run property = run(false, Map.of(), List.of("clean.test", "--checker.dns.servers=bad.invalid"));
        assertThat(property.exit()).isEqualTo(3);
        assertThat(property.out()).isEqualTo("SMTP UNKNOWN - cannot start: checker.dns.servers: cannot resolve host "
                + "\"bad.invalid\"\n");
        assertThat(dns.udpQueries() + dns.tcpQueries()).isEqualTo(queries);
    }

    @Test
    void colourOnlyOnATerminalWithoutNoColor() {
        Run coloured = run(true, Map.of(), fixtures("clean.test", "--no-tls-posture"));
        assertThat(coloured.out()).contains("\u001b[32mOK     \u001b[0m").contains("\u001b[1mWhat to fix first\u001b[0m");
        assertThat(coloured.firstLine()).startsWith("SMTP OK - ").doesNotContain("\u001b[");
        assertThat(run(true, Map.of("NO_COLOR", "1"), fixtures("clean.test", "--no-tls-posture")).out())
                .doesNotContain("\u001b[");
    }

    private static final java.util.regex.Pattern LOG_LINE =
            java.util.regex.Pattern.compile("(?m)^\\d{4}-\\d\\d-\\d\\dT.* DEBUG ");

    /** The jar's own entry point in a JVM of its own: dispatch, exit code, and stdout free of log lines. */
    @Test
    void theMainEntryPointRunsTheCommandInItsOwnJvm() throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.checkersmtp.CheckerSmtpApplication", "check"));
        // --lang en: this process reads the machine's LANG, and the assertions are English.
        command.addAll(fixtures("clean.test", "--no-tls-posture", "--lang", "en", "--logging.level.root=DEBUG"));
        java.io.File stdout = java.io.File.createTempFile("check-out", ".txt");
        java.io.File stderr = java.io.File.createTempFile("check-err", ".txt");
        Process p = new ProcessBuilder(command).redirectOutput(stdout).redirectError(stderr).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = java.nio.file.Files.readString(stdout.toPath());
        String err = java.nio.file.Files.readString(stderr.toPath());
        stdout.delete();
        stderr.delete();
        assertThat(p.exitValue()).as(out + err).isZero();
        assertThat(out).startsWith("SMTP OK - clean.test: no problem found");
        assertThat(err).containsPattern(LOG_LINE);
        assertThat(out).doesNotContainPattern(LOG_LINE);
    }
}
