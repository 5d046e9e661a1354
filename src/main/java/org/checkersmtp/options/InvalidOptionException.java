package org.checkersmtp.options;

/** An option that cannot be used, with the option's name and the reason, ready to show a person. */
public class InvalidOptionException extends RuntimeException {

    private final String option;
    private final String reason;

    public InvalidOptionException(String option, String reason) {
        super("option \"" + option + "\": " + reason);
        this.option = option;
        this.reason = reason;
    }

    public String option() {
        return option;
    }

    public String reason() {
        return reason;
    }
}
