package org.checkersmtp.rules;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.checkersmtp.i18n.Catalogue;
import org.checkersmtp.i18n.Text;

/**
 * One verdict, in the SDK's key order. {@code meta} carries the evidence (the server's reply), the
 * fix hint and a command that reproduces the finding; see {@link States} for the keys. {@code text} is the
 * message before it was put in English (its template and parameters), so a page can say it in the reader's
 * language; it is not part of the JSON.
 */
public record CheckState(
        @JsonInclude(JsonInclude.Include.ALWAYS) Status status,
        @JsonInclude(JsonInclude.Include.ALWAYS) String message,
        String rule,
        String code,
        String subject,
        Map<String, Object> meta,
        @JsonIgnore Text text) {

    public CheckState(Status status, String message, String rule, String code, String subject,
                      Map<String, Object> meta) {
        this(status, message, rule, code, subject, meta, null);
    }

    public CheckState {
        message = message == null ? "" : message;
        meta = meta == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(meta));
    }

    public CheckState withRule(String ruleName) {
        return new CheckState(status, message, ruleName, code, subject, meta, text);
    }

    /**
     * This state in another language: its message from its template, its fix from its code's. A state decoded
     * from JSON has no template and stays as it was written.
     */
    public CheckState in(Catalogue catalogue, Locale locale) {
        if (text == null) {
            return this;
        }
        Map<String, Object> localized = meta;
        if (meta.containsKey(States.FIX)) {
            localized = new TreeMap<>(meta);
            localized.put(States.FIX, catalogue.text(code + ".fix", locale));
        }
        return new CheckState(status, text.in(catalogue, locale), rule, code, subject, localized, text);
    }

    public String metaString(String key) {
        Object value = meta.get(key);
        return value == null ? null : value.toString();
    }
}
