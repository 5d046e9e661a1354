package org.checkersmtp.options;

/**
 * The optional probes of a session, each switched by a boolean run option (on by default). The option's
 * name, label and description live here alone: the parser, the catalogue (/definition, the /check form),
 * {@link CheckOptions} and the plan of which probes a run makes (rules.ProbePlan) all read them from here.
 */
public enum OptionalProbe {
    /** MAIL FROM:&lt;&gt;. */
    NULL_SENDER("test_null_sender", "Test the null sender",
            "Check that MAIL FROM:<> is accepted (bounces must be deliverable, RFC 5321 §4.5.5)."),
    /** RCPT TO:&lt;postmaster@domain&gt;. */
    POSTMASTER("test_postmaster", "Test postmaster",
            "Check that RCPT TO:<postmaster@domain> is accepted (RFC 5321 §4.5.1)."),
    /** An outside sender to an outside recipient. */
    OPEN_RELAY("test_open_relay", "Test for open relay",
            "Check that mail from an outside sender to an outside recipient is refused.");

    private final String option;
    private final String label;
    private final String description;

    OptionalProbe(String option, String label, String description) {
        this.option = option;
        this.label = label;
        this.description = description;
    }

    /** The run option that switches it. */
    public String option() {
        return option;
    }

    public String label() {
        return label;
    }

    public String description() {
        return description;
    }

    /** Every optional probe is made unless its option turns it off. */
    public boolean defaultOn() {
        return true;
    }
}
