package org.checkersmtp.observation;

import java.util.Optional;

/**
 * The optional probes of a session, each switched by a boolean run option (on by default). Everything
 * about a probe lives here alone: its option (the parser, the catalogue of /definition and the /check
 * form, the observation's {@link ProbeSettings}) and the transaction it records. Its words are the
 * catalogue's: the option's label and description under the option ({@code option.test_null_sender.label}), as
 * every run option's are, and its transaction's title in the report under the kind ({@code report.probe.null_sender}). It lives with the observation, which records which probes ran and may not depend on
 * the options.
 */
public enum OptionalProbe {
    /** MAIL FROM:&lt;&gt;. */
    NULL_SENDER("test_null_sender", TransactionKind.NULL_SENDER),
    /** RCPT TO:&lt;postmaster@domain&gt;. */
    POSTMASTER("test_postmaster", TransactionKind.POSTMASTER),
    /** An outside sender to an outside recipient. */
    OPEN_RELAY("test_open_relay", TransactionKind.OPEN_RELAY);

    private final String option;
    private final TransactionKind kind;

    OptionalProbe(String option, TransactionKind kind) {
        this.option = option;
        this.kind = kind;
    }

    /** The run option that switches it, and its boolean in {@link ProbeSettings}. */
    public String option() {
        return option;
    }

    /** The transaction it records. */
    public TransactionKind kind() {
        return kind;
    }

    /** Every optional probe is made unless its option turns it off. */
    public boolean defaultOn() {
        return true;
    }

    /** The probe that records transactions of this kind. */
    public static OptionalProbe recording(TransactionKind kind) {
        for (OptionalProbe p : values()) {
            if (p.kind == kind) {
                return p;
            }
        }
        throw new IllegalArgumentException("no probe records " + kind);
    }

    /** The probe this option switches, if any. */
    public static Optional<OptionalProbe> switchedBy(String option) {
        for (OptionalProbe p : values()) {
            if (p.option.equals(option)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
