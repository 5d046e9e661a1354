package org.checkersmtp.observation;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** One SMTP reply: its code, its enhanced status code (RFC 3463) when given, and the text of each line. */
public record Reply(
        @JsonInclude(JsonInclude.Include.ALWAYS) int code,
        String enhanced,
        List<String> lines) {

    public Reply {
        lines = lines == null ? List.of() : List.copyOf(lines);
    }

    /** 2yz: the command was accepted (RFC 5321 §4.2.1). Not a JSON field. */
    @JsonIgnore
    public boolean isPositiveCompletion() {
        return code >= 200 && code < 300;
    }

    /** 220: the greeting, and the go-ahead to STARTTLS (RFC 5321 §4.2.3, RFC 3207 §4). Not a JSON field. */
    @JsonIgnore
    public boolean isServiceReady() {
        return code == 220;
    }

    /** 4yz: refused for now, worth trying again (RFC 5321 §4.2.1). */
    public boolean transientFailure() {
        return code >= 400 && code < 500;
    }

    /** 5yz: refused for good (RFC 5321 §4.2.1). */
    public boolean permanentFailure() {
        return code >= 500 && code < 600;
    }

    /** The reply as the server would print it on one line: "550 5.1.1 User unknown". */
    public String summary() {
        StringBuilder out = new StringBuilder().append(code);
        String text = String.join(" / ", lines);
        if (enhanced != null && !enhanced.isEmpty() && !text.startsWith(enhanced)) {
            out.append(' ').append(enhanced);
        }
        if (!text.isEmpty()) {
            out.append(' ').append(text);
        }
        return out.toString();
    }
}
