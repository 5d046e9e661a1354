package org.checkersmtp.report;

import java.util.List;
import java.util.Set;
import org.checkersmtp.observation.Connect;
import org.checkersmtp.observation.EndpointProbe;
import org.checkersmtp.observation.Extension;
import org.checkersmtp.observation.Reply;
import org.checkersmtp.observation.ReverseDns;
import org.checkersmtp.observation.SessionEnd;
import org.checkersmtp.observation.StartTls;
import org.checkersmtp.observation.Transaction;
import org.checkersmtp.observation.TranscriptLine;
import org.checkersmtp.rules.CheckState;
import org.checkersmtp.rules.States;
import org.unbescape.html.HtmlEscape;

/**
 * The report's repeated sections, written in Java: what to fix and the notes, one block per endpoint (with
 * its transcript) and one row per verdict. A 20-endpoint report has some 800 transcript lines, 200
 * verdicts and dozens of findings; evaluating template expressions for each of them was most of the
 * report's cost (docs/benchmarks.md).
 * The template keeps the page and the sections written once. Every text is escaped as th:text escapes.
 * Enum values are written in words ("IPv6", "Open-relay test"), not as the code names them.
 */
final class ReportSections {

    private ReportSections() {}

    /** @param openRelays subjects ("host/address") a rule found to be open relays: their summary carries a badge */
    static String endpoints(List<EndpointProbe> endpoints, Set<String> openRelays) {
        StringBuilder html = new StringBuilder(endpoints.size() * 6000);
        for (EndpointProbe e : endpoints) {
            if (!html.isEmpty()) {
                html.append("\n  ");
            }
            endpoint(html, e, openRelays.contains(e.subject()));
        }
        return html.toString();
    }

    static String verdictRows(List<CheckState> states) {
        StringBuilder html = new StringBuilder(states.size() * 200);
        for (CheckState s : states) {
            if (!html.isEmpty()) {
                html.append("\n    ");
            }
            String status = text(s.status().name());
            html.append("<tr><td><span class=\"badge ").append(status).append("\">").append(status)
                    .append("</span></td>\n      <td>").append(text(s.rule())).append("</td><td>")
                    .append(text(s.subject())).append("</td><td>").append(text(s.message())).append("</td></tr>");
        }
        return html.toString();
    }

    /** "What to fix": one block per finding, in the order given (rules.WhatToFix: most urgent first). */
    static String fixes(List<CheckState> fixes) {
        StringBuilder html = new StringBuilder(fixes.size() * 800);
        for (CheckState s : fixes) {
            String status = text(s.status().name());
            html.append("\n  <div class=\"fix ").append(status).append("\">\n    <p><span class=\"badge ").append(status)
                    .append("\">").append(status).append("</span>\n       <span>").append(text(s.message()))
                    .append("</span></p>");
            String fix = s.metaString(States.FIX);
            if (present(fix)) {
                html.append("\n    <p><span class=\"label\">Fix:</span> <span>").append(text(fix)).append("</span></p>");
            }
            String reproduce = s.metaString(States.REPRODUCE);
            if (present(reproduce)) {
                html.append("\n    <p><span class=\"label\">Reproduce:</span> <code>").append(text(reproduce))
                        .append("</code></p>");
            }
            List<String> evidence = evidence(s);
            if (!evidence.isEmpty()) {
                html.append("\n    <details><summary>Evidence</summary><pre>").append(text(String.join("\n", evidence)))
                        .append("</pre></details>");
            }
            html.append("\n    <p class=\"meta\"><span>").append(text(s.rule())).append("</span>");
            if (present(s.subject())) {
                html.append("<span> · <span>").append(text(s.subject())).append("</span></span>");
            }
            String reference = s.metaString(States.REFERENCE);
            if (present(reference)) {
                html.append("<span> · <span>").append(text(reference)).append("</span></span>");
            }
            html.append("</p>\n  </div>");
        }
        return html.toString();
    }

    /** The notes (INFO and UNKNOWN states): a list item each. */
    static String notes(List<CheckState> notes) {
        StringBuilder html = new StringBuilder(notes.size() * 200);
        for (CheckState s : notes) {
            String status = text(s.status().name());
            html.append("<li><span class=\"badge ").append(status).append("\">").append(status).append("</span> <span>")
                    .append(text(s.message())).append("</span></li>");
        }
        return html.toString();
    }

    /** A state's evidence lines: rules write a list; a host may send one string. */
    private static List<String> evidence(CheckState s) {
        Object evidence = s.meta().get(States.EVIDENCE);
        return evidence instanceof List<?> lines ? lines.stream().map(String::valueOf).toList()
                : evidence == null ? List.of() : List.of(evidence.toString());
    }

    private static boolean present(String s) {
        return s != null && !s.isEmpty();
    }

    private static void endpoint(StringBuilder html, EndpointProbe e, boolean openRelay) {
        html.append("<div class=\"endpoint\">\n    <h3>").append(text(e.label()));
        if (openRelay) {
            html.append(" <span class=\"badge CRIT open-relay\">OPEN RELAY</span>");
        }
        html.append("</h3>\n    <table>\n");
        row(html, "Family", Words.family(e.family()));
        ReverseDns r = e.reverseDns();
        if (r != null) {
            row(html, "Reverse DNS", "<span>" + text(r.ptr().isEmpty() ? "no PTR" : String.join(", ", r.ptr()))
                    + "</span>\n         " + (r.forwardConfirmed() ? "<span>(forward-confirmed)</span>" : "")
                    + (r.error() == null ? "" : "<span>" + text(" (" + r.error() + ")") + "</span>"));
        }
        Connect c = e.connect();
        if (c != null) {
            row(html, "TCP connect", text(c.ok() ? "ok in " + c.timeMs() + " ms"
                    : "failed (" + Words.of(c.failure()) + ")" + (c.error() == null ? "" : ": " + c.error())));
        }
        if (e.greeting() != null) {
            row(html, "Greeting", "<code>" + summary(e.greeting().reply()) + "</code> <span class=\"meta\">after "
                    + e.greeting().finalLineMs() + " ms</span>");
        }
        if (e.ehlo() != null) {
            row(html, "EHLO", "<code>" + e.ehlo().code() + "</code> <span>" + text(extensions(e.extensions()))
                    + "</span>");
        }
        StartTls tls = e.starttls();
        if (tls != null) {
            row(html, "STARTTLS", text(tls.handshakeOk() ? tls.protocol() + " " + tls.cipherSuite()
                    : "failed: " + orEmpty(tls.error())));
            if (tls.certificate() != null) {
                row(html, "Certificate", "<span>" + text(tls.certificate().subject())
                        + "</span> <span class=\"meta\">" + text("issued by " + tls.certificate().issuer() + ", expires ")
                        + Times.html(tls.certificate().notAfter()) + "</span>");
            }
        }
        for (Transaction t : e.transactions()) {
            transaction(html, t);
        }
        row(html, "Session", text(session(e.end(), e.durationMs())));
        html.append("    </table>\n");
        if (!e.transcript().isEmpty()) {
            html.append("    <details><summary>Transcript</summary>\n<pre>");
            for (TranscriptLine l : e.transcript()) {
                String css = TranscriptLine.EVENT.equals(l.dir()) ? "dir-E" : "dir-" + l.dir();
                html.append("<span class=\"").append(text(css)).append("\">")
                        .append(text("[" + l.tMs() + " ms] " + l.dir() + " " + l.line() + "\n")).append("</span>");
            }
            html.append("</pre>\n    </details>\n");
        }
        html.append("  </div>");
    }

    private static void row(StringBuilder html, String heading, String cellHtml) {
        html.append("      <tr><th>").append(heading).append("</th><td>").append(cellHtml).append("</td></tr>\n");
    }

    private static void transaction(StringBuilder html, Transaction t) {
        html.append("      <tr><th>").append(text(Words.probe(t.kind()))).append("</th>\n        <td><code>")
                .append(text("MAIL FROM:<" + t.mailFrom() + ">")).append("</code> → <code>")
                .append(t.mail() != null ? summary(t.mail()) : "-").append("</code>\n          ");
        if (t.rcptTo() != null) {
            html.append("<span><br><code>").append(text("RCPT TO:<" + t.rcptTo() + ">")).append("</code> → <code>")
                    .append(t.rcpt() != null ? summary(t.rcpt()) : "-").append("</code></span>");
        }
        html.append("\n          ");
        if (t.error() != null) {
            html.append("<span>").append(text(" (" + t.error() + ")")).append("</span>");
        }
        html.append("</td></tr>\n");
    }

    private static String extensions(List<Extension> extensions) {
        return String.join(", ", extensions.stream()
                .map(x -> x.params().isEmpty() ? x.name() : x.name() + " " + String.join(" ", x.params())).toList());
    }

    private static String session(SessionEnd end, long durationMs) {
        String how = end == null ? "" : Words.ending(end.reason()) + (end.phase() != null ? " in " + end.phase() : "")
                + (end.detail() != null ? ": " + end.detail() : "");
        return how + " · " + durationMs + " ms";
    }

    private static String summary(Reply reply) {
        return reply == null ? "" : text(reply.summary());
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    /** What th:text writes for a value: HTML-escaped, nothing for null. */
    private static String text(String s) {
        return s == null ? "" : needsEscaping(s) ? HtmlEscape.escapeHtml4Xml(s) : s;
    }

    /** Most texts (transcript lines, names) hold none of the five characters escapeHtml4Xml changes. */
    private static boolean needsEscaping(String s) {
        for (int i = 0; i < s.length(); i++) {
            switch (s.charAt(i)) {
                case '<', '>', '&', '"', '\'' -> {
                    return true;
                }
                default -> {
                }
            }
        }
        return false;
    }
}
