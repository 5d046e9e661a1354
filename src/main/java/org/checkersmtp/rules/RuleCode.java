package org.checkersmtp.rules;

/**
 * A code a rule can emit, declared up front so that docs/rules.md is generated from the rules
 * themselves and tests can check that no rule emits an undeclared code.
 *
 * @param code     stable identifier carried by the state ("smtp.postmaster.rejected")
 * @param severity the status the code is emitted with
 * @param meaning  what the finding means, one sentence
 * @param fix      what to change, in terms a Postfix or Exim administrator can apply; empty for OK/INFO codes
 */
public record RuleCode(String code, Status severity, String meaning, String fix) {

    public RuleCode {
        fix = fix == null ? "" : fix;
    }
}
