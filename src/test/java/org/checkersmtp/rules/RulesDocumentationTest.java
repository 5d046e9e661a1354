package org.checkersmtp.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.checkersmtp.i18n.Catalogue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * docs/rules.md (English) and docs/rules.fr.md (French) are generated from the rule beans, the catalogue (the
 * rules' descriptions, their codes' meanings and fixes), the Go checker's tables below and hand-written resources
 * (src/test/resources/rules-doc/: the deviations we keep in each language, the codes we renamed): this test fails
 * when a document drifts from the code, or the code from the Go checker's severities. Regenerate both with
 * {@code ./mvnw test -Dtest=RulesDocumentationTest -Drules.doc.write=true}.
 */
class RulesDocumentationTest {

    /** The generator's own words in one language, around the catalogue's. */
    record Prose(Locale language, Path doc, String deviations, String title, String otherLanguage, String generated,
                 String intro, String rulesHeader, String goHeading, String goIntro, String goHeader, String goCodes,
                 String otherCodes, String renamedHeading, String renamedIntro, String renamedHeader,
                 String codesHeader) {}

    static final Prose ENGLISH = new Prose(Locale.ENGLISH, Path.of("docs/rules.md"), "deviations.md",
            "Rules", "En français\u00a0: [rules.fr.md](rules.fr.md).",
            "<!-- Generated from the rule classes by RulesDocumentationTest; do not edit by hand.\n"
                    + "     Regenerate: ./mvnw test -Dtest=RulesDocumentationTest -Drules.doc.write=true -->",
            "Each rule returns one state per subject (the domain, an MX host, or `host/ip`). A state's status,\n"
                    + "code and `meta.fix` are those of its code below: rules build states from their declared codes.\n"
                    + "Every WARN or CRIT state also carries `meta.evidence` (the reply or DNS answer that proves it)\n"
                    + "and `meta.reproduce` (a `swaks`, `openssl`, `dig` or `nc` command, every value quoted for a\n"
                    + "POSIX shell). A temporary (4xx) answer is never a verdict: it is WARN \"inconclusive\". An\n"
                    + "endpoint that could not be tested is UNKNOWN.\n"
                    + "Status values: 0 UNKNOWN, 1 OK, 2 INFO, 3 WARN, 4 CRIT, 5 ERROR.",
            "| rule | judges |",
            "Against the Go checker",
            "happyDomain's Go checker-smtp publishes the rule table below; its severity is the worst state a\n"
                    + "rule emits, and ours follow it. Rules marked ★ are ours.",
            "| rule | Go checker | ours |",
            "The codes the Go checker publishes are kept as they are: ",
            ". Every other code starts with its rule's name.",
            "Renamed codes",
            "Codes that did not start with their rule's name were renamed; the Go checker's codes were kept.",
            "| old code | new code |",
            "| code | severity | meaning | fix |");

    static final Prose FRENCH = new Prose(Locale.FRENCH, Path.of("docs/rules.fr.md"), "deviations.fr.md",
            "Règles", "In English: [rules.md](rules.md).",
            "<!-- Généré à partir des classes de règles et du catalogue par RulesDocumentationTest\u00a0; ne pas modifier à la main.\n"
                    + "     Regénérer\u00a0: ./mvnw test -Dtest=RulesDocumentationTest -Drules.doc.write=true -->",
            "Chaque règle renvoie un état par sujet (le domaine, un hôte MX, ou `hôte/ip`). Le statut, le code\n"
                    + "et le `meta.fix` d'un état sont ceux de son code ci-dessous\u00a0: les règles construisent les états à\n"
                    + "partir des codes qu'elles déclarent. Chaque état WARN ou CRIT porte aussi `meta.evidence` (la\n"
                    + "réponse du serveur ou du DNS qui le prouve) et `meta.reproduce` (une commande `swaks`, `openssl`,\n"
                    + "`dig` ou `nc`, chaque valeur protégée pour un shell POSIX). Une réponse temporaire (4xx) n'est\n"
                    + "jamais un verdict\u00a0: c'est un WARN «\u00a0non concluant\u00a0». Un point de livraison qui n'a pas pu\n"
                    + "être testé est UNKNOWN. Les messages et les corrections des états sont en anglais sur l'API, en\n"
                    + "français pour qui envoie `Accept-Language: fr` (docs/api.md).\n"
                    + "Valeurs de statut\u00a0: 0 UNKNOWN, 1 OK, 2 INFO, 3 WARN, 4 CRIT, 5 ERROR.",
            "| règle | juge |",
            "Face au checker Go",
            "Le checker-smtp en Go de happyDomain publie la table de règles ci-dessous\u00a0; sa sévérité est le\n"
                    + "pire état qu'une règle émet, et les nôtres la suivent. Les règles marquées ★ sont les nôtres.",
            "| règle | checker Go | la nôtre |",
            "Les codes que publie le checker Go sont gardés tels quels\u00a0: ",
            ". Tout autre code commence par le nom de sa règle.",
            "Codes renommés",
            "Les codes qui ne commençaient pas par le nom de leur règle ont été renommés\u00a0; ceux du checker Go ont été gardés.",
            "| ancien code | nouveau code |",
            "| code | sévérité | signification | correction |");

    static final List<Prose> LANGUAGES = List.of(ENGLISH, FRENCH);

    /** The Go checker's rule table (the specification we follow): rule → the worst state it emits. */
    static final Map<String, Status> GO_RULES = ordered(
            "smtp.null_mx", Status.INFO,
            "smtp.mx_present", Status.CRIT,
            "smtp.mx_sanity", Status.CRIT,
            "smtp.endpoint_reachable", Status.CRIT,
            "smtp.banner_sanity", Status.CRIT,
            "smtp.ehlo_supported", Status.CRIT,
            "smtp.starttls_offered", Status.CRIT,
            "smtp.starttls_handshake", Status.CRIT,
            "smtp.auth_posture", Status.CRIT,
            "smtp.reverse_dns", Status.WARN,
            "smtp.null_sender", Status.CRIT,
            "smtp.postmaster", Status.CRIT,
            "smtp.open_relay", Status.CRIT,
            "smtp.extension_posture", Status.INFO,
            "smtp.ipv6_reachable", Status.INFO,
            "smtp.tls_quality", Status.CRIT);

    /** The codes the Go checker publishes (its "most common failures" table), kept verbatim, with their state. */
    static final Map<String, Status> GO_CODES = ordered(
            "smtp.mx.cname", Status.CRIT,
            "smtp.all_no_starttls", Status.CRIT,
            "smtp.auth.plaintext", Status.CRIT,
            "smtp.postmaster.rejected", Status.CRIT,
            "smtp.null_sender.rejected", Status.CRIT,
            "smtp.ptr.missing", Status.WARN,
            "smtp.fcrdns.mismatch", Status.WARN,
            "smtp.open_relay", Status.CRIT);

    /** Statuses that are verdicts; ERROR and UNKNOWN say the checker could not tell. */
    private static final List<Status> VERDICTS = List.of(Status.OK, Status.INFO, Status.WARN, Status.CRIT);

    static String render(List<Rule> rules, Prose prose) {
        Catalogue catalogue = Catalogue.classpath();
        Locale language = prose.language();
        StringBuilder md = new StringBuilder();
        md.append("# ").append(prose.title()).append("\n\n")
          .append(prose.otherLanguage()).append("\n\n")
          .append(prose.generated()).append("\n\n")
          .append(prose.intro()).append("\n\n")
          .append(prose.rulesHeader()).append("\n|---|---|\n");
        for (Rule rule : rules) {
            md.append("| [`").append(rule.name()).append("`](#").append(rule.name().replace(".", ""))
              .append(") | ").append(cell(rule.description().in(catalogue, language))).append(" |\n");
        }
        md.append("\n## ").append(prose.goHeading()).append("\n\n")
          .append(prose.goIntro()).append("\n\n")
          .append(prose.goHeader()).append("\n|---|---|---|\n");
        for (Rule rule : rules) {
            Status go = GO_RULES.get(rule.name());
            md.append("| `").append(rule.name()).append("` | ").append(go == null ? "★" : go.name()).append(" | ")
              .append(worstVerdict(rule).map(Status::name).orElse("")).append(" |\n");
        }
        md.append("\n").append(prose.goCodes())
          .append(GO_CODES.entrySet().stream().map(c -> "`" + c.getKey() + "` (" + c.getValue() + ")")
                  .collect(Collectors.joining(", ")))
          .append(prose.otherCodes()).append("\n\n")
          .append(resource(prose.deviations()).strip()).append("\n\n")
          .append("### ").append(prose.renamedHeading()).append("\n\n")
          .append(prose.renamedIntro()).append("\n\n")
          .append(prose.renamedHeader()).append("\n|---|---|\n");
        renames().forEach((old, renamed) ->
                md.append("| `").append(old).append("` | `").append(renamed).append("` |\n"));
        for (Rule rule : rules) {
            md.append("\n## ").append(rule.name()).append("\n\n")
              .append(cell(rule.description().in(catalogue, language))).append("\n\n")
              .append(prose.codesHeader()).append("\n|---|---|---|---|\n");
            for (RuleCode code : rule.codes()) {
                md.append("| `").append(code.code()).append("` | ").append(code.severity()).append(" | ")
                  .append(cell(catalogue.text(code.meaningKey(), language))).append(" | ")
                  .append(cell(code.hasFix() ? catalogue.text(code.fixKey(), language) : "")).append(" |\n");
            }
        }
        return md.toString();
    }

    private static Optional<Status> worstVerdict(Rule rule) {
        return rule.codes().stream().map(RuleCode::severity).filter(VERDICTS::contains)
                .max((a, b) -> Integer.compare(a.code(), b.code()));
    }

    private static String cell(String text) {
        return text == null ? "" : text.replace("|", "\\|").replace("\n", " ").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String resource(String name) {
        try (InputStream in = RulesDocumentationTest.class.getResourceAsStream("/rules-doc/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Old code → new code, from rules-doc/renamed-codes.tsv. */
    static Map<String, String> renames() {
        Map<String, String> renames = new LinkedHashMap<>();
        for (String line : resource("renamed-codes.tsv").split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                String[] pair = line.split("\t");
                renames.put(pair[0], pair[1]);
            }
        }
        return renames;
    }

    private static Map<String, Status> ordered(Object... pairs) {
        Map<String, Status> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], (Status) pairs[i + 1]);
        }
        return map;
    }

    private static Map<String, RuleCode> declared() {
        Map<String, RuleCode> codes = new LinkedHashMap<>();
        AllRules.instances().forEach(r -> r.codes().forEach(c -> codes.put(c.code(), c)));
        return codes;
    }

    static List<Prose> languages() {
        return LANGUAGES;
    }

    @ParameterizedTest
    @MethodSource("languages")
    void docsListEveryRuleItsCodesSeveritiesAndFixes(Prose prose) throws Exception {
        String expected = render(AllRules.instances(), prose);
        if (Boolean.getBoolean("rules.doc.write")) {
            Files.writeString(prose.doc(), expected);
        }
        assertThat(Files.readString(prose.doc()))
                .as("%s is out of date: run ./mvnw test -Dtest=RulesDocumentationTest -Drules.doc.write=true", prose.doc())
                .isEqualTo(expected);
    }

    /** One document per language of the catalogue, so that a new language is not left without one. */
    @Test
    void everyLanguageOfTheCatalogueHasItsDocument() {
        assertThat(LANGUAGES).extracting(Prose::language).containsExactlyElementsOf(Catalogue.languages());
    }

    @Test
    void everyGoRuleExistsWithTheGoSeverity() {
        Map<String, Rule> ours = AllRules.instances().stream().collect(Collectors.toMap(Rule::name, r -> r));
        GO_RULES.forEach((name, severity) -> {
            assertThat(ours).as("the Go checker's rule %s", name).containsKey(name);
            assertThat(worstVerdict(ours.get(name))).as("worst state of %s", name).hasValue(severity);
        });
    }

    @Test
    void theGoCheckersCodesAreKeptWithTheirState() {
        Map<String, RuleCode> codes = declared();
        GO_CODES.forEach((code, state) -> {
            assertThat(codes).as("the Go checker's code %s", code).containsKey(code);
            assertThat(codes.get(code).severity()).as("state of %s", code).isEqualTo(state);
        });
    }

    @Test
    void everyOtherCodeStartsWithItsRulesName() {
        for (Rule rule : AllRules.instances()) {
            assertThat(rule.codes()).extracting(RuleCode::code)
                    .filteredOn(code -> !GO_CODES.containsKey(code))
                    .as("codes of %s", rule.name())
                    .allSatisfy(code -> assertThat(code).startsWith(rule.name() + "."));
        }
    }

    @Test
    void theRenamesListedAreTheCodesWeDeclare() {
        Map<String, RuleCode> codes = declared();
        renames().forEach((old, renamed) -> {
            assertThat(codes).as("renamed code %s", old).doesNotContainKey(old);
            assertThat(codes).as("new name of %s", old).containsKey(renamed);
        });
    }

    @Test
    void codesAreUniqueAcrossRules() {
        Set<String> seen = new HashSet<>();
        for (Rule rule : AllRules.instances()) {
            for (RuleCode code : rule.codes()) {
                assertThat(seen.add(code.code())).as("code %s declared twice", code.code()).isTrue();
                if (code.severity() == Status.CRIT || code.severity() == Status.WARN) {
                    assertThat(code.fix()).as("fix of %s", code.code()).isNotBlank();
                }
            }
        }
    }
}
