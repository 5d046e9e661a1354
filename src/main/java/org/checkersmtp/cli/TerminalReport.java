package org.checkersmtp.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.checkersmtp.check.CheckResult;
import org.checkersmtp.i18n.Catalogue;
import org.checkersmtp.i18n.Text;
import org.checkersmtp.observation.EndReason;
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
 * NO_COLOR). Its words are the catalogue's {@code terminal.*} in the reader's language; what a program or an
 * operator matches stays as it is in every language: the plugin status words, the perfdata, the states' status
 * words and codes, hosts, addresses, replies and commands.
 */
final class TerminalReport {

    /** The statuses the status line counts, in its order; each said by {@code terminal.count.<status>}. */
    private static final List<Status> COUNTED = List.of(Status.CRIT, Status.WARN, Status.ERROR);

    private final boolean colour;
    private final List<RuleCode> codes;
    private final Locale language;
    private final StringBuilder out = new StringBuilder();

    private TerminalReport(boolean colour, List<RuleCode> codes, Locale language) {
        this.colour = colour;
        this.codes = codes;
        this.language = language;
    }

    /** The first line alone, for a check that could not run: no perfdata. */
    static String statusLine(PluginStatus status, String summary) {
        return "SMTP " + status + " - " + VisibleText.of(summary).replace('|', '/');
    }

    /**
     * @param codes the codes the rules declare: they order "What to fix first"
     * @param language the reader's: the report's own words; the states come already said in it
     */
    static String render(CheckResult result, Duration took, boolean colour, List<RuleCode> codes, Locale language) {
        return new TerminalReport(colour, codes, language).report(result, took);
    }

    /** The catalogue's {@code terminal.<key>}, its parameters given as names and values in turn, in the language. */
    private String say(String key, Object... parameters) {
        return Text.of("terminal." + key, parameters).in(Catalogue.classpath(), language);
    }

    /** {@code terminal.<key>.one} for 1, else {@code terminal.<key>.many}: the form the count's noun takes. */
    private String plural(String key, long n, Object... parameters) {
        return say(key + (n == 1 ? ".one" : ".many"), parameters);
    }

    private String report(CheckResult result, Duration took) {
        SmtpObservation obs = result.observation();
        List<CheckState> states = result.states();
        PluginStatus status = PluginStatus.of(result);
        out.append(statusLine(status, summary(result))).append(" | ").append(perfdata(obs, took)).append('\n');

        List<CheckState> fixes = WhatToFix.of(states, codes);
        out.append('\n').append(bold(say("fix_first"))).append('\n');
        if (fixes.isEmpty()) {
            out.append("  ").append(result.untested().map(why -> say("nothing_to_judge", "reason", why))
                    .orElseGet(() -> say("nothing"))).append('\n');
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
        out.append('\n').append(bold(say("domain", "domain", obs.domain()))).append('\n');
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

    /** "example.com: 1 critical, 2 warnings (smtp.open_relay at mx/ip); 1 of 2 endpoints reachable". */
    private String summary(CheckResult result) {
        SmtpObservation obs = result.observation();
        List<CheckState> states = result.states();
        List<String> counts = new ArrayList<>();
        for (Status status : COUNTED) {
            long n = count(states, status);
            if (n > 0) {
                counts.add(plural("count." + status.name().toLowerCase(Locale.ROOT), n, "count", n));
            }
        }
        // A parameter of the summary: the untested reason is said in the report's language once it is a Text.
        Object verdict;
        if (!counts.isEmpty()) {
            verdict = say("findings", "counts", String.join(", ", counts),
                    "first", where(WhatToFix.of(states, codes).get(0)));
        } else if (result.untested().isPresent()) {
            verdict = result.untested().get();
        } else {
            verdict = say("no_problem");
        }
        long reachable = obs.endpoints().stream().filter(EndpointProbe::connected).count();
        int total = obs.endpoints().size();
        return say("summary", "domain", obs.domain(), "verdict", verdict,
                "reachable", plural("endpoints", total, "reachable", reachable, "total", total));
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
        out.append("  ").append(tag(s.status())).append(' ').append(VisibleText.of(where(s))).append('\n');
        out.append("        ").append(VisibleText.of(s.message())).append('\n');
        line("fix", s.metaString(States.FIX));
        Object evidence = s.meta().get(States.EVIDENCE);
        if (evidence instanceof List<?> lines) {
            lines.stream().limit(3).forEach(l -> line("evidence", String.valueOf(l)));
        } else if (evidence != null) {
            line("evidence", evidence.toString());
        }
        line("reproduce", s.metaString(States.REPRODUCE));
    }

    /** "Fix: …", its label the catalogue's {@code terminal.<label>} (whose parameter is {@code value}). */
    private void line(String label, String value) {
        if (value != null && !value.isEmpty()) {
            out.append("        ").append(say(label, "value", VisibleText.of(value))).append('\n');
        }
    }

    private void state(CheckState s, String indent) {
        String what = s.code() != null ? s.code() : s.rule();
        out.append(indent).append(tag(s.status())).append(' ')
                .append(VisibleText.of(say("state", "what", what, "message", s.message()))).append('\n');
    }

    /** "smtp.open_relay at mx.example.com/192.0.2.25", or the code alone for a state without subject. */
    private String where(CheckState s) {
        String what = s.code() != null ? s.code() : s.rule();
        return s.subject() == null ? what : say("at", "what", what, "subject", s.subject());
    }

    /** "reachable, 220 mx ESMTP, STARTTLS TLSv1.3, completed in 120 ms" or why it was not reached. */
    private String facts(EndpointProbe e) {
        if (!e.connected()) {
            String why = e.connect() == null ? e.end().detail() : e.connect().error();
            return VisibleText.of(say("not_reached", "why", why));
        }
        List<String> facts = new ArrayList<>();
        facts.add(say("reachable"));
        if (e.greeting() != null && e.greeting().reply() != null) {
            facts.add(e.greeting().reply().summary());
        }
        if (e.starttls() != null) {
            facts.add(e.starttls().handshakeOk() ? "STARTTLS " + e.starttls().protocol() : say("starttls_failed"));
        }
        facts.add(say("ended", "ending", ending(e.end().reason()), "ms", e.durationMs()));
        return VisibleText.of(String.join(", ", facts));
    }

    /** How the session ended: {@code terminal.end.<its JSON name>}, which English says as that name ("completed"). */
    private String ending(EndReason reason) {
        return say("end." + reason.name().toLowerCase(Locale.ROOT));
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
