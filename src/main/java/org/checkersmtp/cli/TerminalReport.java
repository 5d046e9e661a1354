package org.checkersmtp.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.checkersmtp.check.CheckResult;
import org.checkersmtp.i18n.Text;
import org.checkersmtp.observation.EndpointProbe;
import org.checkersmtp.observation.MxRecord;
import org.checkersmtp.observation.SmtpObservation;
import org.checkersmtp.observation.VisibleText;
import org.checkersmtp.rules.CheckState;
import org.checkersmtp.rules.RuleCode;
import org.checkersmtp.rules.States;
import org.checkersmtp.rules.Status;
import org.checkersmtp.rules.WhatToFix;

/**
 * A check as text: the monitoring-plugins status line first ({@code SMTP CRITICAL - summary | perfdata}),
 * then what to fix, worst first, then the domain, each MX and each of its addresses with their states. It
 * reads the states the rules made and judges nothing itself. Colour only when asked (a terminal without
 * NO_COLOR).
 */
final class TerminalReport {

    private final boolean colour;
    private final List<RuleCode> codes;
    private final StringBuilder out = new StringBuilder();

    private TerminalReport(boolean colour, List<RuleCode> codes) {
        this.colour = colour;
        this.codes = codes;
    }

    /** The first line alone, for a check that could not run: no perfdata. */
    static String statusLine(PluginStatus status, String summary) {
        return "SMTP " + status + " - " + VisibleText.of(summary).replace('|', '/');
    }

    /** @param codes the codes the rules declare: they order "What to fix first" */
    static String render(CheckResult result, Duration took, boolean colour, List<RuleCode> codes) {
        return new TerminalReport(colour, codes).report(result, took);
    }

    private String report(CheckResult result, Duration took) {
        SmtpObservation obs = result.observation();
        List<CheckState> states = result.states();
        PluginStatus status = PluginStatus.of(result);
        out.append(statusLine(status, summary(result))).append(" | ").append(perfdata(obs, took)).append('\n');

        List<CheckState> fixes = WhatToFix.of(states, codes);
        out.append('\n').append(bold("What to fix first")).append('\n');
        if (fixes.isEmpty()) {
            out.append(result.untested().map(why -> "  Nothing to judge: " + why.inEnglish() + ".\n")
                    .orElse("  Nothing: no rule found a problem.\n"));
        }
        for (CheckState s : fixes) {
            fix(s);
        }

        Set<CheckState> placed = new LinkedHashSet<>();
        List<CheckState> domainLevel = new ArrayList<>();
        for (MxRecord mx : obs.mx().records()) {
            states.stream().filter(s -> mx.target().equals(s.subject())).forEach(placed::add);
            for (EndpointProbe e : obs.endpoints()) {
                if (e.target().equals(mx.target())) {
                    states.stream().filter(s -> e.subject().equals(s.subject())).forEach(placed::add);
                }
            }
        }
        states.stream().filter(s -> !placed.contains(s)).forEach(domainLevel::add);
        out.append('\n').append(bold("Domain " + obs.domain())).append('\n');
        domainLevel.forEach(s -> state(s, "  "));
        for (MxRecord mx : obs.mx().records()) {
            out.append('\n').append(bold("MX " + mx.preference() + " " + mx.target())).append('\n');
            states.stream().filter(s -> mx.target().equals(s.subject())).forEach(s -> state(s, "  "));
            for (EndpointProbe e : obs.endpoints()) {
                if (e.target().equals(mx.target())) {
                    out.append("  ").append(bold(e.address())).append("  ").append(facts(e)).append('\n');
                    states.stream().filter(s -> e.subject().equals(s.subject())).forEach(s -> state(s, "    "));
                }
            }
        }
        return out.toString();
    }

    /** "1 critical, 2 warnings (smtp.open_relay.open at mx/ip); 1 of 2 endpoints reachable". */
    private String summary(CheckResult result) {
        SmtpObservation obs = result.observation();
        List<CheckState> states = result.states();
        long crit = count(states, Status.CRIT);
        long warn = count(states, Status.WARN);
        long error = count(states, Status.ERROR);
        List<String> counts = new ArrayList<>();
        if (crit > 0) {
            counts.add(crit + " critical");
        }
        if (warn > 0) {
            counts.add(warn + (warn == 1 ? " warning" : " warnings"));
        }
        if (error > 0) {
            counts.add(error + " undetermined");
        }
        StringBuilder s = new StringBuilder(obs.domain()).append(": ");
        if (counts.isEmpty()) {
            s.append(result.untested().map(Text::inEnglish).orElse("no problem found"));
        } else {
            CheckState first = WhatToFix.of(states, codes).get(0);
            s.append(String.join(", ", counts)).append(" (").append(first.code() != null ? first.code() : first.rule())
                    .append(first.subject() != null ? " at " + first.subject() : "").append(')');
        }
        long reachable = obs.endpoints().stream().filter(EndpointProbe::connected).count();
        return s.append("; ").append(reachable).append(" of ").append(obs.endpoints().size())
                .append(obs.endpoints().size() == 1 ? " endpoint" : " endpoints").append(" reachable").toString();
    }

    /** Performance data in the plugins' syntax: label=value[unit];warn;crit;min;max. */
    private static String perfdata(SmtpObservation obs, Duration took) {
        long reachable = obs.endpoints().stream().filter(EndpointProbe::connected).count();
        return "endpoints=" + obs.endpoints().size() + ";;;0 reachable=" + reachable + ";;;0 time="
                + String.format(Locale.ROOT, "%.3f", took.toNanos() / 1e9) + "s;;;0";
    }

    private static long count(List<CheckState> states, Status status) {
        return states.stream().filter(s -> s.status() == status).count();
    }

    private void fix(CheckState s) {
        out.append("  ").append(tag(s.status())).append(' ').append(where(s)).append('\n');
        out.append("        ").append(VisibleText.of(s.message())).append('\n');
        line("Fix", s.metaString(States.FIX));
        Object evidence = s.meta().get(States.EVIDENCE);
        if (evidence instanceof List<?> lines) {
            lines.stream().limit(3).forEach(l -> line("Evidence", String.valueOf(l)));
        } else if (evidence != null) {
            line("Evidence", evidence.toString());
        }
        line("Reproduce", s.metaString(States.REPRODUCE));
    }

    private void line(String label, String value) {
        if (value != null && !value.isEmpty()) {
            out.append("        ").append(label).append(": ").append(VisibleText.of(value)).append('\n');
        }
    }

    private void state(CheckState s, String indent) {
        out.append(indent).append(tag(s.status())).append(' ')
                .append(VisibleText.of(s.code() != null ? s.code() : s.rule())).append(": ").append(VisibleText.of(s.message()))
                .append('\n');
    }

    private static String where(CheckState s) {
        String what = s.code() != null ? s.code() : s.rule();
        return VisibleText.of(s.subject() == null ? what : what + " at " + s.subject());
    }

    /** "reachable, 220 mx ESMTP, STARTTLS TLSv1.3, completed in 120 ms" or why it was not reached. */
    private static String facts(EndpointProbe e) {
        List<String> facts = new ArrayList<>();
        if (!e.connected()) {
            facts.add("not reached: " + (e.connect() == null ? e.end().detail() : e.connect().error()));
            return VisibleText.of(String.join(", ", facts));
        }
        facts.add("reachable");
        if (e.greeting() != null && e.greeting().reply() != null) {
            facts.add(e.greeting().reply().summary());
        }
        if (e.starttls() != null) {
            facts.add(e.starttls().handshakeOk() ? "STARTTLS " + e.starttls().protocol() : "STARTTLS failed");
        }
        facts.add(e.end().reason().name().toLowerCase(Locale.ROOT) + " in " + e.durationMs() + " ms");
        return VisibleText.of(String.join(", ", facts));
    }

    /** The status, padded, coloured by severity when colour is on. */
    private String tag(Status status) {
        String word = String.format(Locale.ROOT, "%-7s", status.name());
        if (!colour) {
            return word;
        }
        String code = switch (status) {
            case CRIT -> "31";
            case ERROR -> "35";
            case WARN -> "33";
            case OK -> "32";
            default -> "2";
        };
        return "\u001b[" + code + "m" + word + "\u001b[0m";
    }

    private String bold(String text) {
        String shown = VisibleText.of(text);
        return colour ? "\u001b[1m" + shown + "\u001b[0m" : shown;
    }
}
