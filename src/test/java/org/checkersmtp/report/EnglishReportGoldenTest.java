package org.checkersmtp.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.checkersmtp.json.GoJson;
import org.checkersmtp.observation.SmtpObservation;
import org.checkersmtp.rules.AllRules;
import org.checkersmtp.rules.CheckState;
import org.checkersmtp.rules.RuleContext;
import org.checkersmtp.testsupport.SampleObservations;
import org.checkersmtp.testsupport.TestTemplates;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The English report, byte for byte, as it was before the report's words moved into the catalogue
 * (src/test/resources/i18n/report-*.en.html): the bench's observations, the tests' sample and fixtures that
 * reach every branch of the template (TLS posture, MX oddities, nothing tested), judged by every rule.
 * A deliberate change of the English report rewrites them: {@code -Dreport.golden.write=true}.
 */
class EnglishReportGoldenTest {

    private static final Path GOLDEN = Path.of("src/test/resources/i18n");

    private final HtmlReportRenderer renderer = new HtmlReportRenderer(TestTemplates.engine(), AllRules.evaluator());

    /** Each input by its golden file's name. */
    static Map<String, SmtpObservation> observations() {
        Map<String, SmtpObservation> all = new LinkedHashMap<>();
        all.put("sample", SampleObservations.oneGoodEndpoint());
        all.put("two-endpoints", read(Path.of("src/bench/resources/observations/two-endpoints.json")));
        all.put("twenty-endpoints", read(Path.of("src/bench/resources/observations/twenty-endpoints.json")));
        for (String fixture : List.of("varied", "null-mx", "mx-error", "untested")) {
            all.put(fixture, read(GOLDEN.resolve("report-" + fixture + ".json")));
        }
        return all;
    }

    static List<String> names() {
        return List.copyOf(observations().keySet());
    }

    static SmtpObservation read(Path json) {
        try {
            return GoJson.decode(Files.readAllBytes(json), SmtpObservation.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<CheckState> judged(SmtpObservation observation) {
        return AllRules.evaluator().evaluate(observation, RuleContext.EMPTY, null);
    }

    static Path golden(String name) {
        return GOLDEN.resolve("report-" + name + ".en.html");
    }

    @ParameterizedTest
    @MethodSource("names")
    void theEnglishReportIsTheSameByteForByte(String name) throws IOException {
        SmtpObservation observation = observations().get(name);
        byte[] html = renderer.render(observation, judged(observation)).getBytes(StandardCharsets.UTF_8);
        if (Boolean.getBoolean("report.golden.write")) {
            Files.write(golden(name), html);
        }
        assertThat(new String(html, StandardCharsets.UTF_8))
                .isEqualTo(Files.readString(golden(name), StandardCharsets.UTF_8));
    }
}
