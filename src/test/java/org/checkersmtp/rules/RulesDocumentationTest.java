package org.checkersmtp.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * docs/rules.md is generated from the rule beans: this test fails when it drifts from the code.
 * Regenerate with {@code ./mvnw test -Dtest=RulesDocumentationTest -Drules.doc.write=true}.
 */
class RulesDocumentationTest {

    private static final Path DOC = Path.of("docs/rules.md");

    static String render(List<Rule> rules) {
        StringBuilder md = new StringBuilder();
        md.append("# Rules\n\n")
          .append("<!-- Generated from the rule classes by RulesDocumentationTest; do not edit by hand.\n")
          .append("     Regenerate: ./mvnw test -Dtest=RulesDocumentationTest -Drules.doc.write=true -->\n\n")
          .append("Each rule returns one state per subject (the domain, an MX host, or `host/ip`). Every WARN or\n")
          .append("CRIT state carries `meta.evidence` (the reply or DNS answer that proves it), `meta.fix` and\n")
          .append("`meta.reproduce` (a `swaks`, `openssl`, `dig` or `nc` command). A temporary (4xx) answer is\n")
          .append("never a verdict: it is WARN \"inconclusive\". An endpoint that could not be tested is UNKNOWN.\n")
          .append("Status values: 0 UNKNOWN, 1 OK, 2 INFO, 3 WARN, 4 CRIT, 5 ERROR.\n\n")
          .append("| rule | judges |\n|---|---|\n");
        for (Rule rule : rules) {
            md.append("| [`").append(rule.name()).append("`](#").append(rule.name().replace(".", ""))
              .append(") | ").append(cell(rule.description())).append(" |\n");
        }
        for (Rule rule : rules) {
            md.append("\n## ").append(rule.name()).append("\n\n").append(cell(rule.description())).append("\n\n")
              .append("| code | severity | meaning | fix |\n|---|---|---|---|\n");
            for (RuleCode code : rule.codes()) {
                md.append("| `").append(code.code()).append("` | ").append(code.severity()).append(" | ")
                  .append(cell(code.meaning())).append(" | ").append(cell(code.fix())).append(" |\n");
            }
        }
        return md.toString();
    }

    private static String cell(String text) {
        return text == null ? "" : text.replace("|", "\\|").replace("\n", " ").replace("<", "&lt;").replace(">", "&gt;");
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
    void theRulesInTheirOrder() {
        assertThat(AllRules.instances()).extracting(Rule::name).containsExactly(
                "smtp.null_mx", "smtp.mx_present", "smtp.mx_sanity", "smtp.endpoint_reachable",
                "smtp.banner_sanity", "smtp.ehlo_supported", "smtp.starttls_offered", "smtp.starttls_handshake",
                "smtp.auth_posture", "smtp.reverse_dns", "smtp.null_sender", "smtp.postmaster", "smtp.open_relay",
                "smtp.extension_posture", "smtp.ipv6_reachable", "smtp.tls_quality", "smtp.dane", "smtp.mta_sts");
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
