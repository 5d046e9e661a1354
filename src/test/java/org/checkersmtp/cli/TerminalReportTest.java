package org.checkersmtp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.checkersmtp.check.CheckResult;
import org.checkersmtp.i18n.Catalogue;
import org.checkersmtp.json.GoJson;
import org.checkersmtp.observation.EndReason;
import org.checkersmtp.observation.SmtpObservation;
import org.checkersmtp.rules.AllRules;
import org.checkersmtp.rules.RuleContext;
import org.checkersmtp.rules.RuleEvaluator;
import org.checkersmtp.testsupport.SampleObservations;
import org.checkersmtp.tlsposture.TlsProbes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The terminal report of fixed observations, byte for byte: the English one is what the command line printed
 * before its words moved into the catalogue (src/test/resources/cli/terminal-*.txt were written by that code);
 * the French one has French words around the same tokens.
 */
class TerminalReportTest {

    private static final RuleEvaluator RULES = AllRules.evaluator();
    private static final Duration TOOK = Duration.ofMillis(470);

    static SmtpObservation observation(String fixture) throws IOException {
        return switch (fixture) {
            case "sample" -> SampleObservations.oneGoodEndpoint();
            case "untested" -> GoJson.mapper().treeToValue(refusedByPolicy(bench("two-endpoints")), SmtpObservation.class);
            default -> GoJson.mapper().treeToValue(bench(fixture), SmtpObservation.class);
        };
    }

    private static JsonNode bench(String fixture) throws IOException {
        return GoJson.mapper().readTree(Files.readAllBytes(Path.of("src/bench/resources/observations/" + fixture
                + ".json")));
    }

    /** The same domain with every address refused by the target policy: nothing was tested. */
    private static JsonNode refusedByPolicy(JsonNode observation) {
        for (JsonNode endpoint : observation.get("endpoints")) {
            ObjectNode e = (ObjectNode) endpoint;
            for (String probed : List.of("greeting", "ehlo", "extensions", "starttls", "transactions", "quit",
                    "transcript", "reverse_dns")) {
                e.remove(probed);
            }
            e.putObject("connect").put("ok", false).put("failure", "policy")
                    .put("error", "refused by the target policy: private address").put("time_ms", 0);
            e.putObject("end").put("reason", "policy_refused").put("phase", "connect")
                    .put("detail", "refused by the target policy: private address");
            e.put("duration_ms", 0);
        }
        return observation;
    }

    static CheckResult check(SmtpObservation observation) {
        var related = TlsProbes.withOwnFindings(Map.of(), observation);
        return new CheckResult(observation, related, RULES.evaluate(observation, new RuleContext(Map.of(), related),
                null));
    }

    static String render(String fixture, boolean colour) throws IOException {
        return render(fixture, colour, Locale.ENGLISH);
    }

    /** As the command line does: the states said in the language, then the report. */
    static String render(String fixture, boolean colour, Locale language) throws IOException {
        CheckResult english = check(observation(fixture));
        CheckResult read = new CheckResult(english.observation(), english.related(),
                english.states().stream().map(s -> s.in(Catalogue.classpath(), language)).toList());
        return TerminalReport.render(read, TOOK, colour, RULES.codes(), language);
    }

    private static Path golden(String fixture, boolean colour) {
        return Path.of("src/test/resources/cli/terminal-" + fixture + (colour ? "-colour" : "") + ".txt");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sample", "two-endpoints", "twenty-endpoints", "untested"})
    void theEnglishReportIsTheOneTheCommandLineAlwaysPrinted(String fixture) throws IOException {
        assertThat(render(fixture, false)).isEqualTo(Files.readString(golden(fixture, false), StandardCharsets.UTF_8));
        if (fixture.equals("twenty-endpoints")) {
            assertThat(render(fixture, true)).isEqualTo(Files.readString(golden(fixture, true), StandardCharsets.UTF_8));
        }
    }

    /** What a monitoring system or a person pastes is the same in French: status words, perfdata, codes, commands. */
    @Test
    void theFrenchReportSaysItsWordsInFrenchAroundTheSameTokens() throws IOException {
        String english = render("twenty-endpoints", false);
        String french = render("twenty-endpoints", false, Locale.FRENCH);
        assertThat(french.lines().findFirst().orElseThrow()).isEqualTo("SMTP CRITICAL - example.org\u00a0: 8 critiques, "
                + "8 avertissements (smtp.open_relay sur mx3.example.org/192.0.2.21)\u00a0; 18 sur 20 points de livraison "
                + "joignables | endpoints=20;;;0 reachable=18;;;0 time=0.470s;;;0");
        assertThat(french).contains("\nÀ corriger en priorité\n  CRIT    smtp.open_relay sur mx3.example.org/192.0.2.21\n"
                        + "        mx3.example.org (192.0.2.21) est un relais ouvert\u00a0: ")
                .contains("\n        Correction\u00a0: Postfix\u00a0: smtpd_relay_restrictions = permit_mynetworks")
                .contains("\n        Preuve\u00a0: RCPT TO:<postmaster@example.com> → 250 2.1.5 Ok\n")
                .contains("\n        Reproduire\u00a0: swaks --server 192.0.2.21 --port 25 --ehlo mx-checker.happydomain.org"
                        + " --from postmaster@example.com --to postmaster@example.com --quit-after RCPT\n")
                .contains("\nDomaine example.org\n")
                .contains("\nMX 10 mx1.example.org\n  OK      smtp.mx_sanity.ok\u00a0: ")
                .contains("\n  192.0.2.1  joignable, 220 mx1.example.org ESMTP checker-smtp test instance, STARTTLS TLSv1.3, "
                        + "terminée en ")
                .contains("\n  2001:db8::4:1  injoignable\u00a0: connect timed out after 12000 ms\n")
                .doesNotContain("What to fix", "Fix:", "Evidence:", "Reproduce:", "Domain ", "endpoints reachable", "  reachable,", "completed in");
        assertThat(french.lines().count()).as("the same report, line for line").isEqualTo(english.lines().count());
        assertThat(render("sample", false, Locale.FRENCH)).contains("SMTP OK - example.com\u00a0: aucun problème trouvé"
                + "\u00a0; 1 sur 1 point de livraison joignable | ")
                .contains("\n  Rien\u00a0: aucune règle n'a trouvé de problème.\n");
        assertThat(render("two-endpoints", false, Locale.FRENCH)).startsWith("SMTP WARNING - example.org\u00a0: "
                + "1 avertissement (smtp.ptr.missing sur mx1.example.org/2001:db8::25)\u00a0; 2 sur 2 points de livraison "
                + "joignables | ");
        assertThat(render("untested", false, Locale.FRENCH)).contains("\n  Rien à juger\u00a0: ");
    }

    /** Each way a session ends has its words (English says the observation's JSON name, as it always did). */
    @Test
    void everySessionEndHasItsWordsInEveryLanguage() {
        for (EndReason reason : EndReason.values()) {
            String key = "terminal.end." + reason.name().toLowerCase(Locale.ROOT);
            assertThat(Catalogue.classpath().template(key, Locale.ENGLISH)).isEqualTo(GoJson.mapper()
                    .valueToTree(reason).asString());
            for (Locale language : Catalogue.languages()) {
                assertThat(Catalogue.classpath().template(key, language)).as(key + " in " + language).isNotBlank();
            }
        }
    }
}
