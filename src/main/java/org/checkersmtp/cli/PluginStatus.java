package org.checkersmtp.cli;

import java.util.List;
import org.checkersmtp.check.CheckResult;
import org.checkersmtp.rules.CheckState;
import org.checkersmtp.rules.Status;

/**
 * The monitoring-plugins result (Nagios, Icinga, Naemon): the exit code and the word of the first line.
 * From the states, with the plugins' precedence (their {@code max_state_alt}): CRITICAL when any state is
 * CRIT, else WARNING when any is WARN, else UNKNOWN when something could not be determined (an ERROR
 * state: the MX lookup or a target's address lookup failed, or a rule failed), else OK. A state of status
 * UNKNOWN (one part not testable from here, e.g. IPv6 without a route) is shown but does not fail the
 * check; so an open relay stays CRITICAL even when another MX could not be looked up.
 */
public enum PluginStatus {
    OK(0), WARNING(1), CRITICAL(2), UNKNOWN(3);

    private final int exitCode;

    PluginStatus(int exitCode) {
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    /** As {@link #of(List)}, and UNKNOWN instead of OK when the check tested nothing ({@link CheckResult#untested()}). */
    public static PluginStatus of(CheckResult result) {
        PluginStatus status = of(result.states());
        return status == OK && result.untested().isPresent() ? UNKNOWN : status;
    }

    public static PluginStatus of(List<CheckState> states) {
        if (any(states, Status.CRIT)) {
            return CRITICAL;
        }
        if (any(states, Status.WARN)) {
            return WARNING;
        }
        return any(states, Status.ERROR) ? UNKNOWN : OK;
    }

    private static boolean any(List<CheckState> states, Status status) {
        return states.stream().anyMatch(s -> s.status() == status);
    }
}
