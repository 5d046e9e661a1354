package org.checkersmtp.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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

/**
 * The report's repeated sections, written in Java: what to fix and the notes, one block per endpoint (with
 * its transcript) and one row per verdict. A 20-endpoint report has some 800 transcript lines, 200
 * verdicts and dozens of findings; evaluating template expressions for each of them was most of the
 * report's cost (docs/benchmarks.md).
 * The template keeps the page and the sections written once. They are written through {@link Html}: every
 * text is escaped as th:text escapes, and only the markup written here is not.
 * One instance per language ({@link #in}): its words are read from the catalogue once, not per endpoint.
 * Enum values are written in words ("IPv6", "Open-relay test"), not as the code names them.
 */
final class ReportSections {

    private static final Map<Locale, ReportSections> BY_LANGUAGE = new ConcurrentHashMap<>();

    private final Words words;
    private final String fixLabel;
    private final String reproduceLabel;
    private final String evidenceLabel;
    private final String openRelayBadge;
    private final String familyLabel;
    private final String reverseDnsLabel;
    private final String noPtr;
    private final String forwardConfirmed;
    private final String connectLabel;
    private final Sentence connectOk;
    private final Sentence connectFailed;
    private final Sentence connectFailedWith;
    private final String greetingLabel;
    private final Sentence after;
    private final Sentence starttlsFailed;
    private final String certificateLabel;
    private final Sentence issued;
    private final String sessionLabel;
    private final Sentence endedIn;
    private final Sentence endedWith;
    private final String transcriptLabel;

    private ReportSections(Words words) {
        this.words = words;
        fixLabel = words.text("report.fix.fix");
        reproduceLabel = words.text("report.fix.reproduce");
        evidenceLabel = words.text("report.fix.evidence");
        openRelayBadge = words.text("report.endpoint.open_relay");
        familyLabel = words.text("report.endpoint.family");
        reverseDnsLabel = words.text("report.endpoint.reverse_dns");
        noPtr = words.text("report.endpoint.no_ptr");
        forwardConfirmed = words.text("report.endpoint.forward_confirmed");
        connectLabel = words.text("report.endpoint.connect");
        connectOk = words.sentence("report.endpoint.connect_ok");
        connectFailed = words.sentence("report.endpoint.connect_failed");
        connectFailedWith = words.sentence("report.endpoint.connect_failed_with");
        greetingLabel = words.text("report.endpoint.greeting");
        after = words.sentence("report.endpoint.after");
        starttlsFailed = words.sentence("report.endpoint.starttls_failed");
        certificateLabel = words.text("report.endpoint.certificate");
        issued = words.sentence("report.endpoint.issued");
        sessionLabel = words.text("report.endpoint.session");
        endedIn = words.sentence("report.endpoint.ended_in");
        endedWith = words.sentence("report.endpoint.ended_with");
        transcriptLabel = words.text("report.endpoint.transcript");
    }

    static ReportSections in(Locale language) {
        Words words = Words.in(language);
        return BY_LANGUAGE.computeIfAbsent(words.language(), l -> new ReportSections(words));
    }

    /** @param openRelays subjects ("host/address") a rule found to be open relays: their summary carries a badge */
    String endpoints(List<EndpointProbe> endpoints, Set<String> openRelays) {
        Html html = new Html(endpoints.size() * 6000);
        for (EndpointProbe e : endpoints) {
            if (!html.isEmpty()) {
                html.raw("\n  ");
            }
            endpoint(html, e, openRelays.contains(e.subject()));
        }
        return html.toString();
    }

    String verdictRows(List<CheckState> states) {
        Html html = new Html(states.size() * 200);
        for (CheckState s : states) {
            if (!html.isEmpty()) {
                html.raw("\n    ");
            }
            html.raw("<tr><td>");
            badge(html, s);
            html.raw("</td>\n      <td>").text(s.rule()).raw("</td><td>").text(s.subject()).raw("</td><td>")
                    .text(s.message()).raw("</td></tr>");
        }
        return html.toString();
    }

    /** "What to fix": one block per finding, in the order given (rules.WhatToFix: most urgent first). */
    String fixes(List<CheckState> fixes) {
        Html html = new Html(fixes.size() * 800);
        for (CheckState s : fixes) {
            html.raw("\n  <div class=\"fix ").text(s.status().name()).raw("\" id=\"")
                    .text(anchor("finding", s.code() != null ? s.code() : s.rule(), s.subject())).raw("\">\n    <p>");
            badge(html, s);
            html.raw("\n       <span>").text(s.message()).raw("</span></p>");
            String fix = s.metaString(States.FIX);
            if (present(fix)) {
                html.raw("\n    <p><span class=\"label\">").text(fixLabel).raw("</span> <span>").text(fix).raw("</span></p>");
            }
            String reproduce = s.metaString(States.REPRODUCE);
            if (present(reproduce)) {
                html.raw("\n    <p><span class=\"label\">").text(reproduceLabel).raw("</span> <code>").text(reproduce).raw("</code></p>");
            }
            List<String> evidence = evidence(s);
            if (!evidence.isEmpty()) {
                html.raw("\n    <details><summary>").text(evidenceLabel).raw("</summary><pre>");
                // One line each: a line break inside a line is the server's, shown as an escape.
                for (int i = 0; i < evidence.size(); i++) {
                    html.raw(i == 0 ? "" : "\n").text(evidence.get(i));
                }
                html.raw("</pre></details>");
            }
            html.raw("\n    <p class=\"meta\"><span>").text(s.rule()).raw("</span>");
            if (present(s.subject())) {
                html.raw("<span> · <span>").text(s.subject()).raw("</span></span>");
            }
            String reference = s.metaString(States.REFERENCE);
            if (present(reference)) {
                html.raw("<span> · <span>").text(reference).raw("</span></span>");
            }
            html.raw("</p>\n  </div>");
        }
        return html.toString();
    }

    /** The notes (INFO and UNKNOWN states): a list item each. */
    String notes(List<CheckState> notes) {
        Html html = new Html(notes.size() * 200);
        for (CheckState s : notes) {
            html.raw("<li>");
            badge(html, s);
            html.raw(" <span>").text(s.message()).raw("</span></li>");
        }
        return html.toString();
    }

    private static void badge(Html html, CheckState s) {
        String status = s.status().name();
        html.raw("<span class=\"badge ").text(status).raw("\">").text(status).raw("</span>");
    }

    /** A state's evidence lines: rules write a list; a host may send one string. */
    private static List<String> evidence(CheckState s) {
        Object evidence = s.meta().get(States.EVIDENCE);
        return evidence instanceof List<?> lines ? lines.stream().map(String::valueOf).toList()
                : evidence == null ? List.of() : List.of(evidence.toString());
    }

    /**
     * A section's id, for links to one finding or one endpoint ({@code /r/{id}#endpoint-mx.example.com-192.0.2.25}):
     * the parts joined by "-", every character outside letters, digits, '.', '_' and ':' made a "-" too.
     */
    static String anchor(String kind, String... parts) {
        StringBuilder id = new StringBuilder(kind);
        for (String part : parts) {
            if (present(part)) {
                id.append('-').append(part.replaceAll("[^A-Za-z0-9._:]", "-"));
            }
        }
        return id.toString();
    }

    private static boolean present(String s) {
        return s != null && !s.isEmpty();
    }

    private void endpoint(Html html, EndpointProbe e, boolean openRelay) {
        html.raw("<div class=\"endpoint\" id=\"").text(anchor("endpoint", e.target(), e.address()))
                .raw("\">\n    <h3>").text(e.label());
        if (openRelay) {
            html.raw(" <span class=\"badge CRIT open-relay\">").text(openRelayBadge).raw("</span>");
        }
        html.raw("</h3>\n    <table>\n");
        row(html, familyLabel).text(Words.family(e.family()));
        endRow(html);
        ReverseDns r = e.reverseDns();
        if (r != null) {
            row(html, reverseDnsLabel).raw("<span>").text(r.ptr().isEmpty() ? noPtr : String.join(", ", r.ptr()))
                    .raw("</span>\n         ");
            if (r.forwardConfirmed()) {
                html.raw("<span>").text(forwardConfirmed).raw("</span>");
            }
            if (r.error() != null) {
                html.raw("<span>").text(" (" + r.error() + ")").raw("</span>");
            }
            endRow(html);
        }
        Connect c = e.connect();
        if (c != null) {
            row(html, connectLabel).text(c.ok() ? connectOk.with("ms", words.number(c.timeMs()))
                    : c.error() == null ? connectFailed.with("failure", words.connectFailure(c.failure()))
                    : connectFailedWith.with("failure", words.connectFailure(c.failure()), "error", c.error()));
            endRow(html);
        }
        if (e.greeting() != null) {
            row(html, greetingLabel).raw("<code>");
            summary(html, e.greeting().reply());
            html.raw("</code> <span class=\"meta\">").text(after.with("ms", words.number(e.greeting().finalLineMs())))
                    .raw("</span>");
            endRow(html);
        }
        if (e.ehlo() != null) {
            row(html, "EHLO").raw("<code>").text(e.ehlo().code()).raw("</code> <span>").text(extensions(e.extensions()))
                    .raw("</span>");
            endRow(html);
        }
        StartTls tls = e.starttls();
        if (tls != null) {
            row(html, "STARTTLS").text(tls.handshakeOk() ? tls.protocol() + " " + tls.cipherSuite()
                    : starttlsFailed.with("error", orEmpty(tls.error())));
            endRow(html);
            if (tls.certificate() != null) {
                row(html, certificateLabel).raw("<span>").text(tls.certificate().subject())
                        .raw("</span> <span class=\"meta\">")
                        .text(issued.with("issuer", String.valueOf(tls.certificate().issuer()))).raw(" ")
                        .raw(Times.html(tls.certificate().notAfter(), words.language())).raw("</span>");
                endRow(html);
            }
        }
        for (Transaction t : e.transactions()) {
            transaction(html, t);
        }
        row(html, sessionLabel).text(session(e.end(), e.durationMs()));
        endRow(html);
        html.raw("    </table>\n");
        if (!e.transcript().isEmpty()) {
            html.raw("    <details><summary>").text(transcriptLabel).raw("</summary>\n<pre>");
            for (TranscriptLine l : e.transcript()) {
                html.raw("<span class=\"").text(TranscriptLine.EVENT.equals(l.dir()) ? "dir-E" : "dir-" + l.dir())
                        .raw("\">").text("[" + l.tMs() + " ms] " + l.dir() + " " + l.line()).raw("\n</span>");
            }
            html.raw("</pre>\n    </details>\n");
        }
        html.raw("  </div>");
    }

    /** Opens a row of the endpoint's table; its cell follows, then {@link #endRow}. */
    private static Html row(Html html, String heading) {
        return html.raw("      <tr><th>").text(heading).raw("</th><td>");
    }

    private static void endRow(Html html) {
        html.raw("</td></tr>\n");
    }

    private void transaction(Html html, Transaction t) {
        html.raw("      <tr><th>").text(words.probe(t.kind())).raw("</th>\n        <td><code>")
                .text("MAIL FROM:<" + t.mailFrom() + ">").raw("</code> → <code>");
        reply(html, t.mail());
        html.raw("</code>\n          ");
        if (t.rcptTo() != null) {
            html.raw("<span><br><code>").text("RCPT TO:<" + t.rcptTo() + ">").raw("</code> → <code>");
            reply(html, t.rcpt());
            html.raw("</code></span>");
        }
        html.raw("\n          ");
        if (t.error() != null) {
            html.raw("<span>").text(" (" + t.error() + ")").raw("</span>");
        }
        html.raw("</td></tr>\n");
    }

    /** A transaction's reply, "-" when none came. */
    private static void reply(Html html, Reply reply) {
        if (reply == null) {
            html.raw("-");
        } else {
            summary(html, reply);
        }
    }

    private static String extensions(List<Extension> extensions) {
        return String.join(", ", extensions.stream()
                .map(x -> x.params().isEmpty() ? x.name() : x.name() + " " + String.join(" ", x.params())).toList());
    }

    private String session(SessionEnd end, long durationMs) {
        String how = "";
        if (end != null) {
            String ending = words.ending(end.reason());
            how = end.phase() == null ? ending : endedIn.with("ending", ending, "phase", end.phase().wire());
            how = end.detail() == null ? how : endedWith.with("how", how, "detail", end.detail());
        }
        return how + " · " + words.number(durationMs) + " ms";
    }

    private static void summary(Html html, Reply reply) {
        if (reply != null) {
            html.text(reply.summary());
        }
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
