package org.checkersmtp.options;

import org.checkersmtp.i18n.Text;

/**
 * An option that cannot be used, with the option's name and the reason, ready to show a person: in English as
 * the exception's message (the API's {@code error}, the logs), in any language through {@link #text()}.
 */
public class InvalidOptionException extends RuntimeException {

    private final String option;
    private final transient Text reason;

    public InvalidOptionException(String option, Text reason) {
        super(refusal(option, reason).inEnglish());
        this.option = option;
        this.reason = reason;
    }

    private static Text refusal(String option, Text reason) {
        return Text.of("option.refused", "option", option, "reason", reason);
    }

    public String option() {
        return option;
    }

    /** The reason alone, in English, for a caller that names the option its own way (a flag, a property). */
    public String reason() {
        return reason.inEnglish();
    }

    /** The whole refusal, {@code option "timeout": …}, to say in the reader's language. */
    public Text text() {
        return refusal(option, reason);
    }
}
