package org.checkersmtp.rules;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;
import java.util.TreeMap;

/**
 * One verdict, in the SDK's key order. {@code meta} carries the evidence (the server's reply), the
 * fix hint and a command that reproduces the finding; see {@link States} for the keys.
 */
public record CheckState(
        @JsonInclude(JsonInclude.Include.ALWAYS) Status status,
        @JsonInclude(JsonInclude.Include.ALWAYS) String message,
        String rule,
        String code,
        String subject,
        Map<String, Object> meta) {

    public CheckState {
        message = message == null ? "" : message;
        meta = meta == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(meta));
    }

    public CheckState withRule(String ruleName) {
        return new CheckState(status, message, ruleName, code, subject, meta);
    }

    public String metaString(String key) {
        Object value = meta.get(key);
        return value == null ? null : value.toString();
    }
}
