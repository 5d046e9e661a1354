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
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * docs/rules.md is generated from the rule beans, the Go checker's tables below and two hand-written
 * resources (src/test/resources/rules-doc/: the deviations we keep, the codes we renamed): this test
 * fails when the document drifts from the code, or the code from the Go checker's severities.
 * Regenerate with {@code ./mvnw test -Dtest=RulesDocumentationTest -Drules.doc.write=true}.
 */
class RulesDocumentationTest {

    private static final Path DOC = Path.of("docs/rules.md");

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

    static String render(List<Rule> rules) {
        StringBuilder md = new StringBuilder();
        md.append("# Rules\n\n")
          .append("<!-- Generated from the rule classes by RulesDocumentationTest; do not edit by hand.\n")
          .append("     Regenerate: ./mvnw test -Dtest=RulesDocumentationTest -Drules.doc.write=true -->\n\n")
          .append("Each rule returns one state per subject (the domain, an MX host, or `host/ip`). A state's status,\n")
          .append("code and `meta.fix` are those of its code below: rules build states from their declared codes.\n")
          .append("Every WARN or CRIT state also carries `meta.evidence` (the reply or DNS answer that proves it)\n")
          .append("and `meta.reproduce` (a `swaks`, `openssl`, `dig` or `nc` command, every value quoted for a\n")
          .append("POSIX shell). A temporary (4xx) answer is never a verdict: it is WARN \"inconclusive\". An\n")
          .append("endpoint that could not be tested is UNKNOWN.\n")
          .append("Status values: 0 UNKNOWN, 1 OK, 2 INFO, 3 WARN, 4 CRIT, 5 ERROR.\n\n")
          .append("| rule | judges |\n|---|---|\n");
        for (Rule rule : rules) {
            md.append("| [`").append(rule.name()).append("`](#").append(rule.name().replace(".", ""))
              .append(") | ").append(cell(rule.description().inEnglish())).append(" |\n");
        }
        md.append("\n## Against the Go checker\n\n")
          .append("happyDomain's Go checker-smtp publishes the rule table below; its severity is the worst state a\n")
          .append("rule emits, and ours follow it. Rules marked ★ are ours.\n\n")
          .append("| rule | Go checker | ours |\n|---|---|---|\n");
        for (Rule rule : rules) {
            Status go = GO_RULES.get(rule.name());
            md.append("| `").append(rule.name()).append("` | ").append(go == null ? "★" : go.name()).append(" | ")
              .append(worstVerdict(rule).map(Status::name).orElse("")).append(" |\n");
        }
        md.append("\nThe codes the Go checker publishes are kept as they are: ")
          .append(GO_CODES.entrySet().stream().map(c -> "`" + c.getKey() + "` (" + c.getValue() + ")")
                  .collect(Collectors.joining(", ")))
          .append(". Every other code starts with its rule's name.\n\n")
          .append(resource("deviations.md").strip()).append("\n\n")
          .append("### Renamed codes\n\n")
          .append("Codes that did not start with their rule's name were renamed; the Go checker's codes were kept.\n\n")
          .append("| old code | new code |\n|---|---|\n");
        renames().forEach((old, renamed) ->
                md.append("| `").append(old).append("` | `").append(renamed).append("` |\n"));
        for (Rule rule : rules) {
            md.append("\n## ").append(rule.name()).append("\n\n").append(cell(rule.description().inEnglish())).append("\n\n")
              .append("| code | severity | meaning | fix |\n|---|---|---|---|\n");
            for (RuleCode code : rule.codes()) {
                md.append("| `").append(code.code()).append("` | ").append(code.severity()).append(" | ")
                  .append(cell(code.meaning())).append(" | ").append(cell(code.fix())).append(" |\n");
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

    @Test
    void docsListEveryRuleItsCodesSeveritiesAndFixes() throws Exception {
        String expected = render(AllRules.instances());
        if (Boolean.getBoolean("rules.doc.write")) {
            Files.writeString(DOC, expected);
        }
        assertThat(Files.readString(DOC))
                .as("docs/rules.md is out of date: run ./mvnw test -Dtest=RulesDocumentationTest -Drules.doc.write=true")
                .isEqualTo(expected);
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
