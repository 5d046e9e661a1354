package org.checkersmtp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.checkersmtp.check.CheckResult;
import org.checkersmtp.json.GoJson;
import org.checkersmtp.observation.SmtpObservation;
import org.checkersmtp.rules.AllRules;
import org.checkersmtp.rules.RuleContext;
import org.checkersmtp.rules.RuleEvaluator;
import org.checkersmtp.testsupport.SampleObservations;
import org.checkersmtp.tlsposture.TlsProbes;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The terminal report of fixed observations, byte for byte: the English one is what the command line printed
 * before its words moved into the catalogue (src/test/resources/cli/terminal-*.txt were written by that code).
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
        return TerminalReport.render(check(observation(fixture)), TOOK, colour, RULES.codes());
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
}
