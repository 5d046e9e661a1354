package org.checkersmtp.report;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.checkersmtp.json.GoTime;
import org.unbescape.html.HtmlEscape;

/**
 * Times as a person reads them ("2026-04-21 12:34:56 UTC"), with the exact RFC 3339 value of the
 * observation kept in the element's {@code datetime} and {@code title} (hovering shows it).
 */
public final class Times {

    private static final DateTimeFormatter READABLE = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private Times() {}

    /** "2026-04-21 12:34:56 UTC"; empty for null. */
    public static String text(Instant instant) {
        return instant == null ? "" : READABLE.format(instant);
    }

    /** The value as the observation's JSON writes it: "2026-04-21T12:34:56.5Z"; empty for null. */
    public static String rfc3339(Instant instant) {
        return instant == null ? "" : GoTime.format(instant);
    }

    /** A {@code <time>} element with both; empty for null. */
    public static String html(Instant instant) {
        if (instant == null) {
            return "";
        }
        String exact = HtmlEscape.escapeHtml4Xml(rfc3339(instant));
        return "<time datetime=\"" + exact + "\" title=\"" + exact + "\">" + text(instant) + "</time>";
    }
}
