package org.checkersmtp.rules;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds states with the meta keys every rule uses, so that reports can rely on them:
 * {@value #EVIDENCE} (the server's reply lines or the DNS answer that prove the finding),
 * {@value #FIX} (what a Postfix or Exim administrator changes), {@value #REPRODUCE} (a command that
 * shows the finding by hand) and {@value #REFERENCE} (the RFC section).
 */
public final class States {

    public static final String EVIDENCE = "evidence";
    public static final String FIX = "fix";
    public static final String REPRODUCE = "reproduce";
    public static final String REFERENCE = "reference";

    private States() {}

    public static Builder ok(String message) {
        return new Builder(Status.OK, message);
    }

    public static Builder info(String message) {
        return new Builder(Status.INFO, message);
    }

    public static Builder warn(String message) {
        return new Builder(Status.WARN, message);
    }

    public static Builder crit(String message) {
        return new Builder(Status.CRIT, message);
    }

    public static Builder unknown(String message) {
        return new Builder(Status.UNKNOWN, message);
    }

    public static Builder error(String message) {
        return new Builder(Status.ERROR, message);
    }

    public static final class Builder {
        private final Status status;
        private final String message;
        private String code;
        private String subject;
        private final Map<String, Object> meta = new LinkedHashMap<>();

        private Builder(Status status, String message) {
            this.status = status;
            this.message = message;
        }

        public Builder code(String code) {
            this.code = code;
            return this;
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

        public Builder fix(String fix) {
            meta.put(FIX, fix);
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

        public Builder meta(String key, Object value) {
            meta.put(key, value);
            return this;
        }

        public CheckState build() {
            return new CheckState(status, message, null, code, subject, meta);
        }

        public List<CheckState> list() {
            return List.of(build());
        }
    }
}
