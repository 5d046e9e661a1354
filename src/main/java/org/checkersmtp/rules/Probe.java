package org.checkersmtp.rules;

/**
 * The optional probes of a session, each switched by a run option; a rule declares the ones whose
 * outcome it judges (see {@link Rule#probes()}), so that {@link ProbePlan} can skip a probe nobody judges.
 */
public enum Probe {
    /** MAIL FROM:&lt;&gt; (option test_null_sender). */
    NULL_SENDER,
    /** RCPT TO:&lt;postmaster@domain&gt; (option test_postmaster). */
    POSTMASTER,
    /** An outside sender to an outside recipient (option test_open_relay). */
    OPEN_RELAY
}
