package org.checkersmtp.rules;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.checkersmtp.i18n.Text;

/**
 * Builds a rule's states from its declared {@link RuleCode}: the status, the code and the fix come
 * from the declaration, so a state cannot say something docs/rules.md does not. What varies per
 * finding is the message, a template of the catalogue filled with the parameters the rule gives (the
 * host, the address, the reply: a rule never writes a sentence), and the meta keys every rule uses:
 * {@value #EVIDENCE} (the server's reply lines or the DNS answer that prove the finding),
 * {@value #FIX} (what a Postfix or Exim administrator changes: the code's fix), {@value #REPRODUCE}
 * (a command that shows the finding by hand) and {@value #REFERENCE} (the RFC section).
 */
public final class States {

    public static final String EVIDENCE = "evidence";
    public static final String FIX = "fix";
    public static final String REPRODUCE = "reproduce";
    public static final String REFERENCE = "reference";

    private static final Set<String> BUILT_IN = Set.of(EVIDENCE, FIX, REPRODUCE, REFERENCE);

    private States() {}

    /**
     * A state of this code: its severity, its code and its fix (when it declares one); its message the
     * catalogue's template {@code messageKey} with {@code parameters}, names and values in turn.
     */
    public static Builder of(RuleCode code, String messageKey, Object... parameters) {
        return new Builder(code, Text.of(messageKey, parameters));
    }

    public static final class Builder {
        private final RuleCode code;
        private final Text text;
        private String subject;
        private final Map<String, Object> meta = new LinkedHashMap<>();

        private Builder(RuleCode code, Text text) {
            this.code = code;
            this.text = text;
            String fix = code.fix();
            if (!fix.isEmpty()) {
                meta.put(FIX, fix);
            }
        }

        public Builder subject(String subject) {
            this.subject = subject;
            return this;
        }

        public Builder evidence(String... lines) {
            return evidence(List.of(lines));
        }

        public Builder evidence(List<String> lines) {
            if (!lines.isEmpty()) {
                meta.put(EVIDENCE, List.copyOf(lines));
            }
            return this;
        }

        public Builder reproduce(String command) {
            meta.put(REPRODUCE, command);
            return this;
        }

        public Builder reference(String reference) {
            meta.put(REFERENCE, reference);
            return this;
        }

        /** A rule-specific meta entry (e.g. the extension table); the built-in keys have their own setters. */
        public Builder meta(String key, Object value) {
            if (BUILT_IN.contains(key)) {
                throw new IllegalArgumentException("meta key \"" + key + "\" has its own setter");
            }
            meta.put(key, value);
            return this;
        }

        public CheckState build() {
            return new CheckState(code.severity(), text.inEnglish(), null, code.code(),
                    subject, meta, text);
        }

        public List<CheckState> list() {
            return List.of(build());
        }
    }
}
