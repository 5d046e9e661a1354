package org.checkersmtp.rules;

/**
 * A code a rule can emit, declared up front so that docs/rules.md is generated from the rules
 * themselves and tests can check that no rule emits an undeclared code.
 *
 * @param code     stable identifier carried by the state ("smtp.postmaster.rejected")
 * @param severity the status the code is emitted with
 * @param meaning  what the finding means, one sentence
 * @param fix      what to change, in terms a Postfix or Exim administrator can apply; empty for OK/INFO codes
 * @param fixFirst whether its findings lead "What to fix" whatever their severity (an open relay hurts third
 *                 parties within hours)
 */
public record RuleCode(String code, Status severity, String meaning, String fix, boolean fixFirst) {

    public RuleCode {
        fix = fix == null ? "" : fix;
    }

    public RuleCode(String code, Status severity, String meaning, String fix) {
        this(code, severity, meaning, fix, false);
    }

    /** This code, its findings listed before every other finding to fix. */
    public RuleCode fixedFirst() {
        return new RuleCode(code, severity, meaning, fix, true);
    }
}
