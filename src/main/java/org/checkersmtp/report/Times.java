package org.checkersmtp.report;

import java.time.Instant;
import java.util.Locale;
import org.checkersmtp.json.GoTime;
import org.unbescape.html.HtmlEscape;

/**
 * Times as a person reads them in a language (report.time.pattern of the catalogue: "2026-04-21 12:34:56 UTC",
 * "21 avril 2026 à 12:34:56 UTC"), with the exact RFC 3339 value of the observation kept in the element's
 * {@code datetime} and {@code title} (hovering shows it).
 */
public final class Times {

    private Times() {}

    /** In English: "2026-04-21 12:34:56 UTC"; empty for null. */
    public static String text(Instant instant) {
        return text(instant, Locale.ENGLISH);
    }

    /** In {@code language} (English when the catalogue lacks it); empty for null. */
    public static String text(Instant instant, Locale language) {
        return instant == null ? "" : Words.in(language).time(instant);
    }

    /** The value as the observation's JSON writes it: "2026-04-21T12:34:56.5Z"; empty for null. */
    public static String rfc3339(Instant instant) {
        return instant == null ? "" : GoTime.format(instant);
    }

    /** A {@code <time>} element with both; empty for null. */
    public static String html(Instant instant, Locale language) {
        if (instant == null) {
            return "";
        }
        String exact = HtmlEscape.escapeHtml4Xml(rfc3339(instant));
        return "<time datetime=\"" + exact + "\" title=\"" + exact + "\">" + HtmlEscape.escapeHtml4Xml(
                text(instant, language)) + "</time>";
    }
}
