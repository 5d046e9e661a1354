package org.checkersmtp.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.checkersmtp.json.GoJson;
import org.checkersmtp.observation.SmtpObservation;
import org.checkersmtp.rules.AllRules;
import org.checkersmtp.rules.CheckState;
import org.checkersmtp.rules.Rule;
import org.checkersmtp.rules.RuleCode;
import org.checkersmtp.rules.RuleContext;
import org.checkersmtp.testsupport.SampleObservations;
import org.checkersmtp.tlsposture.TlsProbes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The test that tells a translator what is missing: every language file has every key of messages.properties,
 * and each of its templates names exactly the parameters of the English one (so a French message can be
 * filled whenever the English one can, which every rule test checks for English); the French follows French
 * typography; and the states of the bench observations render in every language.
 */
class CatalogueCompletenessTest {

    private static final Pattern PARAMETER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9]*)}");
    private static final char NBSP = '\u00a0';

    private static Properties read(String file) throws IOException {
        Properties p = new Properties();
        try (InputStream in = CatalogueCompletenessTest.class.getResourceAsStream("/" + file)) {
            assertThat(in).as(file).isNotNull();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    static Stream<Locale> translations() {
        return Catalogue.languages().stream().filter(l -> !l.equals(Locale.ENGLISH));
    }

    private static String file(Locale language) {
        return Catalogue.BASENAME + "_" + language.toLanguageTag().replace('-', '_') + ".properties";
    }

    private static Set<String> parameters(String template) {
        Set<String> names = new TreeSet<>();
        Matcher m = PARAMETER.matcher(template);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    @Test
    void frenchIsOneOfTheLanguages() {
        assertThat(Catalogue.languages()).contains(Locale.ENGLISH, Locale.FRENCH);
    }

    @ParameterizedTest
    @MethodSource("translations")
    void everyKeyIsTranslatedWithTheSameParameters(Locale language) throws IOException {
        Properties english = read(Catalogue.BASENAME + ".properties");
        Properties translated = read(file(language));
        assertThat(new TreeSet<>(translated.stringPropertyNames()))
                .as("keys of %s (missing ones are listed first)", file(language))
                .containsAll(english.stringPropertyNames());
        assertThat(new TreeSet<>(english.stringPropertyNames())).as("keys of %s that English lacks", file(language))
                .containsAll(translated.stringPropertyNames());
        List<String> mismatched = new ArrayList<>();
        for (String key : english.stringPropertyNames()) {
            if (!parameters(english.getProperty(key)).equals(parameters(translated.getProperty(key)))) {
                mismatched.add(key + ": " + parameters(english.getProperty(key)) + " in English, "
                        + parameters(translated.getProperty(key)) + " in " + language);
            }
        }
        assertThat(mismatched).as("templates whose parameters differ from English").isEmpty();
    }

    @Test
    void everyRuleCodeHasItsMeaningAndItsFixInEveryLanguage() {
        for (Rule rule : AllRules.instances()) {
            for (RuleCode code : rule.codes()) {
                for (Locale language : Catalogue.languages()) {
                    assertThat(Catalogue.classpath().template(code.meaningKey(), language)).isNotBlank();
                }
            }
        }
    }

    /** Non-breaking spaces before « : ; ? ! » and inside guillemets; a plain space there breaks the line badly. */
    @Test
    void frenchFollowsFrenchTypography() throws IOException {
        Properties french = read(file(Locale.FRENCH));
        List<String> wrong = new ArrayList<>();
        for (String key : french.stringPropertyNames()) {
            String v = french.getProperty(key).replaceAll("«\u00a0[^»]*\u00a0»", "«»");
            if (v.matches("(?s).* [:;?!].*") || v.contains("« ") || v.contains(" »")
                    || v.replace("«»", "").contains("«") || v.replace("«»", "").contains("»")
                    || v.contains("\"")) {
                wrong.add(key + "=" + french.getProperty(key));
            }
        }
        assertThat(wrong).as("values with a plain space before : ; ? ! or around guillemets, or \"…\"").isEmpty();
    }

    static Stream<SmtpObservation> observations() throws IOException {
        List<SmtpObservation> all = new ArrayList<>(List.of(SampleObservations.oneGoodEndpoint()));
        for (String fixture : List.of("two-endpoints", "twenty-endpoints")) {
            all.add(GoJson.mapper().readValue(
                    Files.readAllBytes(Path.of("src/bench/resources/observations/" + fixture + ".json")),
                    SmtpObservation.class));
        }
        return all.stream();
    }

    @ParameterizedTest
    @MethodSource("observations")
    void theStatesOfTheBenchObservationsReadInFrench(SmtpObservation observation) {
        List<CheckState> states = AllRules.evaluator().evaluate(observation,
                new RuleContext(Map.of(), TlsProbes.withOwnFindings(Map.of(), observation)), null);
        assertThat(states).isNotEmpty();
        for (CheckState english : states) {
            CheckState french = english.in(Catalogue.classpath(), Locale.FRENCH);
            String englishTemplate = Catalogue.classpath().template(english.text().key(), Locale.ENGLISH);
            if (!parameters(englishTemplate).isEmpty() && englishTemplate.replaceAll("\\{\\w+}", "").isBlank()) {
                continue; // a template that is only its parameters reads the same in every language
            }
            assertThat(french.message()).as(english.code()).isNotEqualTo(english.message());
            if (english.metaString("fix") != null) {
                assertThat(french.metaString("fix")).as(english.code()).isNotEqualTo(english.metaString("fix"));
            }
            assertThat(french.meta().get("reproduce")).isEqualTo(english.meta().get("reproduce"));
        }
    }
}
