package org.checkersmtp.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.checkersmtp.i18n.Catalogue;
import org.checkersmtp.json.GoJson;
import org.checkersmtp.observation.AddressResolution;
import org.checkersmtp.observation.ConnectFailure;
import org.checkersmtp.observation.DnssecStatus;
import org.checkersmtp.observation.EndReason;
import org.checkersmtp.observation.SmtpObservation;
import org.checkersmtp.observation.TlsFailure;
import org.checkersmtp.observation.TransactionKind;
import org.checkersmtp.rules.AllRules;
import org.checkersmtp.rules.CheckState;
import org.checkersmtp.testsupport.TestTemplates;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * The report in each of the catalogue's languages, over the golden test's observations: every word found
 * (a missing key fails the render), {@code <html lang>} saying the language, and in French the headings,
 * labels, session endings, times and numbers in French, with no English word of the report left outside
 * what the servers and the checker's evidence said, while transcripts and commands stay exactly as in English.
 */
class ReportInEveryLanguageTest {

    private static final Catalogue CATALOGUE = Catalogue.classpath();
    private static final char NBSP = '\u00a0';
    private static final char NNBSP = '\u202f';

    private final HtmlReportRenderer renderer = new HtmlReportRenderer(TestTemplates.engine(), AllRules.evaluator());

    static Stream<org.junit.jupiter.params.provider.Arguments> everyLanguageAndObservation() {
        return Catalogue.languages().stream().flatMap(language -> EnglishReportGoldenTest.names().stream()
                .map(name -> org.junit.jupiter.params.provider.Arguments.of(language, name)));
    }

    private Document report(String name, Locale language) {
        return Jsoup.parse(html(name, language));
    }

    /** The report of the golden test's observation {@code name}, its states said in {@code language} too. */
    private String html(String name, Locale language) {
        SmtpObservation observation = EnglishReportGoldenTest.observations().get(name);
        List<CheckState> states = EnglishReportGoldenTest.judged(observation).stream()
                .map(s -> s.in(CATALOGUE, language)).toList();
        return renderer.render(observation, states, language);
    }

    @ParameterizedTest
    @MethodSource("everyLanguageAndObservation")
    void everyReportRendersAndSaysItsLanguage(Locale language, String name) {
        String html = html(name, language);
        assertThat(html).as("Thymeleaf's mark of a missing #{key}").doesNotContain("??");
        Document page = Jsoup.parse(html);
        assertThat(page.selectFirst("html").attr("lang")).isEqualTo(language.toLanguageTag());
        assertThat(page.title()).isEqualTo(CATALOGUE.text("report.title", language) + " "
                + EnglishReportGoldenTest.observations().get(name).domain());
    }

    @Test
    void aLanguageTheCatalogueLacksGetsTheEnglishReport() throws IOException {
        SmtpObservation observation = EnglishReportGoldenTest.observations().get("varied");
        String german = renderer.render(observation, EnglishReportGoldenTest.judged(observation), Locale.GERMANY);
        assertThat(german).isEqualTo(Files.readString(EnglishReportGoldenTest.golden("varied")));
    }

    /** Each enum value the report and the live progress put in words has them in every language. */
    @ParameterizedTest
    @MethodSource("languages")
    void everyWordOfTheObservationsEnumsIsInTheCatalogue(Locale language) {
        Words words = Words.in(language);
        List<String> said = new ArrayList<>();
        Stream.of(EndReason.values()).map(words::ending).forEach(said::add);
        Stream.of(TransactionKind.values()).map(words::probe).forEach(said::add);
        Stream.of(ConnectFailure.values()).map(words::connectFailure).forEach(said::add);
        Stream.of(AddressResolution.values()).map(words::resolution).forEach(said::add);
        Stream.of(DnssecStatus.values()).map(words::dnssec).forEach(said::add);
        Stream.of(TlsFailure.values()).map(words::tlsFailure).forEach(said::add);
        said.add(words.yesNo(true));
        said.add(words.yesNo(false));
        said.add(words.yesNo(null));
        said.add(words.acceptance(true));
        said.add(words.acceptance(false));
        said.add(words.acceptance(null));
        assertThat(said).allSatisfy(word -> assertThat(word).isNotBlank());
        assertThat(Stream.of(EndReason.values()).map(words::ending).distinct()).hasSize(EndReason.values().length);
    }

    static List<Locale> languages() {
        return Catalogue.languages();
    }

    @Test
    void theFrenchReportHasFrenchHeadingsLabelsEndingsTimesAndNumbers() {
        Document fr = report("varied", Locale.FRENCH);
        assertThat(fr.select("h2").eachText()).containsExactly("À corriger", "Enregistrements MX",
                "Points de livraison", "Posture TLS", "Tous les verdicts");
        assertThat(fr.selectFirst("h1").text()).isEqualTo("Rapport SMTP pour example.net CRIT");

        // Times: the words of the catalogue's French pattern; the exact value kept for machines and hovering.
        Element checked = fr.selectFirst("header time");
        assertThat(checked.text()).isEqualTo("21 avril 2026 à 12:34:56 UTC");
        assertThat(checked.attr("datetime")).isEqualTo("2026-04-21T12:34:56.5Z");
        assertThat(checked.attr("title")).isEqualTo("2026-04-21T12:34:56.5Z");
        assertThat(fr.select("#tls-posture time")).extracting(Element::text, e -> e.attr("datetime")).containsExactly(
                org.assertj.core.groups.Tuple.tuple("21 avril 2026 à 12:35:00 UTC", "2026-04-21T12:35:00.25Z"),
                org.assertj.core.groups.Tuple.tuple("20 juin 2026 à 00:00:00 UTC", "2026-06-20T00:00:00Z"),
                org.assertj.core.groups.Tuple.tuple("1 mai 2026 à 00:00:00 UTC", "2026-05-01T00:00:00Z"));
        // Numbers: French groups digits with a narrow no-break space.
        assertThat(fr.selectFirst("header .meta").text()).isEqualTo(
                "Vérifié le 21 avril 2026 à 12:34:56 UTC · 4 point(s) de livraison · 12" + NNBSP
                        + "345 ms · collect deadline reached");

        List<Element> endpoints = fr.select("#endpoints div.endpoint");
        assertThat(rows(endpoints.get(0))).containsExactly(
                "Famille | IPv4",
                "DNS inverse | pas d'enregistrement PTR (SERVFAIL)",
                "Connexion TCP | réussie en 12 ms",
                "Bannière | 220 mx1.example.net ESMTP après 15 ms",
                "EHLO | 250 PIPELINING, SIZE 1000, STARTTLS",
                "STARTTLS | échec : handshake failed: no cipher suites in common",
                "Acceptation des rebonds (MAIL FROM:<>) | MAIL FROM:<> → 250 Ok RCPT TO:<postmaster@example.net> → 550 5.1.1 no such user",
                "Boîte postmaster | MAIL FROM:<postmaster@mx-checker.happydomain.org> → 250 Ok RCPT TO:<postmaster@example.net> → 250 Ok",
                "Test de relais ouvert | MAIL FROM:<postmaster@example.com> → 250 Ok RCPT TO:<postmaster@example.com> → 250 Ok",
                "Session | Arrêtée : trop de lignes de réponse à l'étape rcpt : more than 100 lines · 40 ms");
        // Jsoup's text() reads a no-break space as a space: the page has it before every French colon.
        assertThat(html("varied", Locale.FRENCH)).contains("échec" + NBSP + ": handshake failed",
                "Arrêtée" + NBSP + ": trop de lignes");
        assertThat(endpoints.get(0).selectFirst("h3 .badge").text()).isEqualTo("RELAIS OUVERT");
        assertThat(rows(endpoints.get(1))).containsExactly("Famille | IPv6",
                "Connexion TCP | échec (pas de route depuis le vérificateur) : network unreachable",
                "Session | Échec de la connexion à l'étape connect · 1 ms");
        assertThat(rows(endpoints.get(2))).contains("Session | Délai de la session atteint à l'étape ehlo · 12" + NNBSP
                + "000 ms");
        assertThat(endpoints.get(2).select("tr").eachText()).anyMatch(row -> row.startsWith("Certificat CN=mx2.example.net"
                + " émis par CN=Test CA, expire le 1 janvier 2027 à 00:00:00 UTC"));
        assertThat(endpoints.get(0).select("summary").eachText()).containsExactly("Transcription");
        assertThat(fr.select("#what-to-fix .label").eachText()).contains("Correction :", "Pour reproduire :");
        assertThat(fr.select("#what-to-fix summary").eachText()).containsOnly("Éléments observés");
        assertThat(fr.select("#mx th").eachText()).containsExactly("Préf.", "Cible", "IPv4", "IPv6", "Remarques");
        assertThat(fr.select("#tls-posture").text()).contains("confidentialité persistante : oui",
                "TLS 1.0 : accepté", "TLS 1.1 : refusé", "(59 jours)",
                "chaîne invalide : unknown issuer · nom correspond", "correspond à 3 1 1 ab12",
                "Non examiné échec de la négociation TLS : no cipher suites in common", "sécurisé",
                "192.0.2.27 non couvert", "mx1.example.net couvert par mx1.example.net");
    }

    /**
     * The English words this change moved into the catalogue: none of them is left in the French report, once
     * what the observation itself says (a server's reply, a resolver's error) and what stays the same in every
     * language (transcripts, evidence and commands: pre and code) are taken out.
     */
    @ParameterizedTest
    @MethodSource("names")
    void noEnglishWordOfTheReportIsLeftInFrench(String name) throws IOException {
        Document fr = report(name, Locale.FRENCH);
        // Status words (CRIT, ERROR) are the protocol's; Untested's sentence is not in the catalogue yet.
        fr.select("pre, code, .badge:not(.open-relay), #untested").remove();
        String text = fr.text();
        for (String said : observationStrings(name)) {
            text = text.replace(said, " ");
        }
        List<String> left = new ArrayList<>();
        for (String english : movedEnglishWords()) {
            if (Pattern.compile("(?<![\\p{L}_])" + Pattern.quote(english) + "(?![\\p{L}_])").matcher(text).find()) {
                left.add(english);
            }
        }
        assertThat(left).as("English words of the report in the French report of %s", name).isEmpty();
    }

    static List<String> names() {
        return EnglishReportGoldenTest.names();
    }

    @ParameterizedTest
    @MethodSource("names")
    void transcriptsEvidenceAndCommandsAreTheSameInEveryLanguage(String name) {
        Document en = report(name, Locale.ENGLISH);
        Document fr = report(name, Locale.FRENCH);
        assertThat(fr.select("#endpoints pre").eachText()).isEqualTo(en.select("#endpoints pre").eachText());
        assertThat(fr.select("code").eachText()).isEqualTo(en.select("code").eachText());
    }

    @Test
    void frenchNumbersGroupDigitsAndEnglishOnesAreAsTheyWere() {
        assertThat(Words.in(Locale.FRENCH).number(1234567)).isEqualTo("1" + NNBSP + "234" + NNBSP + "567");
        assertThat(Words.in(Locale.ENGLISH).number(1234567)).isEqualTo("1234567");
        assertThat(Words.in(Locale.CANADA_FRENCH).language()).isEqualTo(Locale.FRENCH);
    }

    /** The report's English words of the Report section whose French differs (a token like EHLO is the same). */
    private static List<String> movedEnglishWords() throws IOException {
        Properties english = read("messages.properties");
        Properties french = read("messages_fr.properties");
        return english.stringPropertyNames().stream().filter(key -> key.startsWith("report.")
                        && !key.endsWith(".pattern") && !english.getProperty(key).equals(french.getProperty(key)))
                .flatMap(key -> Stream.of(english.getProperty(key).split("\\{[A-Za-z]+}")))
                .map(String::strip).filter(words -> words.length() >= 4)
                .distinct().sorted(Comparator.comparing(String::length).reversed()).toList();
    }

    /** Every string the observation holds, longest first (so a reply is taken out before a word of it). */
    private static List<String> observationStrings(String name) {
        SmtpObservation observation = EnglishReportGoldenTest.observations().get(name);
        JsonNode json = GoJson.mapper().readTree(GoJson.encode(observation));
        List<String> strings = new ArrayList<>();
        collect(json, strings);
        return strings.stream().filter(s -> !s.isBlank()).distinct()
                .sorted(Comparator.comparing(String::length).reversed()).toList();
    }

    private static void collect(JsonNode node, List<String> into) {
        if (node.isString()) {
            into.add(node.asString());
        }
        node.forEach(child -> collect(child, into));
    }

    private static Properties read(String file) throws IOException {
        Properties p = new Properties();
        try (InputStream in = ReportInEveryLanguageTest.class.getResourceAsStream("/" + file)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    private static List<String> rows(Element endpoint) {
        return endpoint.select("table tr").stream()
                .map(tr -> tr.selectFirst("th").text() + " | " + tr.selectFirst("td").text()).toList();
    }
}
