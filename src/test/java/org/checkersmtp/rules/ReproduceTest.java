package org.checkersmtp.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.checkersmtp.observation.EndpointProbe;
import org.checkersmtp.observation.OptionalProbe;
import org.checkersmtp.observation.ProbeSettings;
import org.checkersmtp.observation.SmtpObservation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reproduce command pasted into a shell runs exactly the argv we meant, whatever DNS or the caller
 * put in the names: each command is run by /bin/sh with the programs replaced by stubs that record
 * their argv, and with stubs for the commands a hostile name would smuggle in.
 */
class ReproduceTest {

    static final String BACKTICK = "x`id`.shell.t";
    static final String PIPE = "a|id@c.t";
    static final String SUBSHELL = "$(id)";
    static final String QUOTE = "'; rm -rf";

    @TempDir
    static Path stubs;

    @BeforeAll
    static void writeStubs() throws IOException {
        // Each invocation: program name and arguments, NUL-separated, then \001.
        String record = "#!/bin/sh\n{ printf '%s\\0' \"${0##*/}\" \"$@\"; printf '\\001'; } >> \"$ARGV_LOG\"\n";
        for (String program : List.of("swaks", "dig", "openssl", "nc", "id", "rm")) {
            Path stub = stubs.resolve(program);
            Files.writeString(stub, record);
            Files.setPosixFilePermissions(stub, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    /** Every program the shell ran for this command line, with its argv. */
    static List<List<String>> run(String commandLine) throws Exception {
        Path log = Files.createTempFile(stubs, "argv", ".log");
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", commandLine).redirectErrorStream(true);
        pb.environment().put("PATH", stubs.toString());
        pb.environment().put("ARGV_LOG", log.toString());
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("sh -c %s: %s", commandLine, output).isZero();
        List<List<String>> calls = new ArrayList<>();
        for (String call : Files.readString(log).split("\u0001")) {
            if (!call.isEmpty()) {
                calls.add(Arrays.asList(call.split("\0", -1)).subList(0, call.split("\0", -1).length - 1));
            }
        }
        Files.delete(log);
        return calls;
    }

    private static SmtpObservation withHelo(String helo) {
        return Fixtures.observation(new ProbeSettings(helo, 12000, 12000, EnumSet.allOf(OptionalProbe.class),
                "postmaster@example.com", "postmaster@example.net", "postmaster@example.net"), Fixtures.endpoint().build());
    }

    @Test
    void swaksGetsEveryHostileValueAsOneArgument() throws Exception {
        EndpointProbe e = Fixtures.endpoint(BACKTICK, SUBSHELL).build();
        String cmd = Reproduce.swaks(withHelo(QUOTE), e, PIPE, BACKTICK, "RCPT");
        assertThat(run(cmd)).containsExactly(List.of("swaks", "--server", SUBSHELL, "--port", "25",
                "--ehlo", QUOTE, "--from", PIPE, "--to", BACKTICK, "--quit-after", "RCPT"));
    }

    @Test
    void theNullSenderIsPassedAsAngleBrackets() throws Exception {
        String cmd = Reproduce.swaks(withHelo("probe.example"), Fixtures.endpoint().build(), "", null, "MAIL");
        assertThat(run(cmd)).containsExactly(List.of("swaks", "--server", "192.0.2.25", "--port", "25",
                "--ehlo", "probe.example", "--from", "<>", "--quit-after", "MAIL"));
    }

    @Test
    void opensslByAddressAndByName() throws Exception {
        EndpointProbe v6 = Fixtures.endpoint(BACKTICK, "2001:db8::25").build();
        assertThat(run(Reproduce.openssl(v6))).containsExactly(List.of("openssl", "s_client", "-starttls", "smtp",
                "-connect", "[2001:db8::25]:25", "-servername", BACKTICK));
        assertThat(run(Reproduce.openssl(SUBSHELL))).containsExactly(List.of("openssl", "s_client", "-starttls",
                "smtp", "-connect", SUBSHELL + ":25", "-servername", SUBSHELL));
    }

    @Test
    void ncTakesAnAddressThatLooksLikeAnOptionAsAnOperand() throws Exception {
        assertThat(run(Reproduce.nc(Fixtures.endpoint("mx.example.com", QUOTE).build())))
                .containsExactly(List.of("nc", "-v", QUOTE, "25"));
        assertThat(run(Reproduce.nc(Fixtures.endpoint("mx.example.com", "-e/bin/sh").build())))
                .containsExactly(List.of("nc", "-v", "--", "-e/bin/sh", "25"));
    }

    @Test
    void digCommandsQuoteTheNameAndNeverReadItAsAnOption() throws Exception {
        assertThat(run(Reproduce.digMx(SUBSHELL))).containsExactly(List.of("dig", "+noall", "+answer", "MX", SUBSHELL));
        assertThat(run(Reproduce.digAddresses(BACKTICK))).containsExactly(
                List.of("dig", "+noall", "+answer", "A", BACKTICK),
                List.of("dig", "+noall", "+answer", "AAAA", BACKTICK));
        assertThat(run(Reproduce.digCname(PIPE))).containsExactly(List.of("dig", "+noall", "+answer", "CNAME", PIPE));
        assertThat(run(Reproduce.digAaaa("-f/etc/passwd"))).containsExactly(
                List.of("dig", "+short", "AAAA", "-q", "-f/etc/passwd"));
        assertThat(run(Reproduce.digPtrAndBack(Fixtures.endpoint().build(), QUOTE))).containsExactly(
                List.of("dig", "+short", "-x", "192.0.2.25"), List.of("dig", "+short", "A", QUOTE),
                List.of("dig", "+short", "AAAA", QUOTE));
    }

    @Test
    void plainValuesStayReadable() {
        assertThat(Reproduce.swaks(withHelo("mx-checker.happydomain.org"), Fixtures.endpoint().build(),
                "postmaster@example.net", "postmaster@example.net", "RCPT")).isEqualTo(
                "swaks --server 192.0.2.25 --port 25 --ehlo mx-checker.happydomain.org --from postmaster@example.net "
                        + "--to postmaster@example.net --quit-after RCPT");
        assertThat(Reproduce.openssl(BACKTICK)).doesNotContain(" x`").contains("'x`id`.shell.t:25'");
    }

    /** Every command every rule offers for a pool with hostile names runs only the program it names. */
    @Test
    void noRuleOffersACommandThatRunsSomethingElse() throws Exception {
        SmtpObservation obs = Fixtures.observation(
                Fixtures.endpoint(BACKTICK, "192.0.2.1").extensions("PIPELINING", "AUTH PLAIN")
                        .relay("250 2.1.0 Ok", "250 2.1.5 Ok").postmaster("250 2.1.0 Ok", "550 5.1.1 no")
                        .nullSender("550 5.7.1 no", null)
                        .reverse(new org.checkersmtp.observation.ReverseDns(List.of(PIPE), null, false, null,
                                List.of())).build(),
                Fixtures.endpoint(QUOTE, "2001:db8::1").greeting("554 5.7.1 go away").build(),
                Fixtures.endpoint(SUBSHELL, "192.0.2.3").connectFailed(
                        org.checkersmtp.observation.ConnectFailure.REFUSED, "connection refused").build());
        List<String> commands = AllRules.evaluator().evaluate(obs, RuleContext.EMPTY, null).stream()
                .map(s -> s.metaString(States.REPRODUCE)).filter(c -> c != null).distinct().toList();
        assertThat(commands).hasSizeGreaterThan(5);
        List<String> hostile = List.of(BACKTICK, QUOTE, SUBSHELL, PIPE);
        for (String command : commands) {
            List<List<String>> calls = run(command);
            assertThat(calls).as(command).isNotEmpty().allSatisfy(call ->
                    assertThat(call.get(0)).as(command).isIn("swaks", "dig", "openssl", "nc"));
            for (String name : hostile) {
                if (command.contains(name.replace("'", "'\\''"))) {
                    assertThat(calls.stream().flatMap(List::stream)).as(command)
                            .anyMatch(arg -> arg.contains(name));
                }
            }
        }
    }
}
