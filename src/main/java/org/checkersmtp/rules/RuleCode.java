package org.checkersmtp.rules;

import java.util.Locale;
import org.checkersmtp.i18n.Catalogue;

/**
 * A code a rule can emit, declared up front so that docs/rules.md is generated from the rules
 * themselves and tests can check that no rule emits an undeclared code. Its words are in the catalogue
 * ({@link Catalogue}), under its code: {@code <code>.meaning}, {@code <code>.fix} (absent for OK/INFO codes)
 * and the templates of its states' messages, {@code <code>.message…}.
 *
 * @param code     stable identifier carried by the state ("smtp.postmaster.rejected"), and its key in the catalogue
 * @param severity the status the code is emitted with
 * @param fixFirst whether its findings lead "What to fix" whatever their severity (an open relay hurts third
 *                 parties within hours)
 */
public record RuleCode(String code, Status severity, boolean fixFirst) {

    public RuleCode(String code, Status severity) {
        this(code, severity, false);
    }

    /** This code, its findings listed before every other finding to fix. */
    public RuleCode fixedFirst() {
        return new RuleCode(code, severity, true);
    }

    public String meaningKey() {
        return code + ".meaning";
    }

    public String fixKey() {
        return code + ".fix";
    }

    /** What the finding means, one sentence, in English. */
    public String meaning() {
        return Catalogue.classpath().text(meaningKey(), Locale.ENGLISH);
    }

    /** What to change, in terms a Postfix or Exim administrator can apply, in English; empty for OK/INFO codes. */
    public String fix() {
        return hasFix() ? Catalogue.classpath().text(fixKey(), Locale.ENGLISH) : "";
    }

    public boolean hasFix() {
        return Catalogue.classpath().has(fixKey());
    }
}
