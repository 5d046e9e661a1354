package org.checkersmtp.report;

import org.checkersmtp.observation.VisibleText;
import org.unbescape.html.HtmlEscape;

/**
 * HTML written by hand with text escaped by default: {@link #text} escapes as th:text does, and markup goes
 * through {@link #raw}, which takes only the report's own constants and fragments built by this class or
 * {@link Times#html}. A value from a probed server (a banner, a transcript line) then cannot reach the
 * page as markup by a forgotten escape call, nor its control and format characters raw ({@link VisibleText}:
 * a CR or a bidi override would hide or reorder what the reader sees).
 */
final class Html {

    private final StringBuilder out;

    Html(int capacity) {
        out = new StringBuilder(capacity);
    }

    /** A text, its invisible characters shown as escapes, HTML-escaped; nothing for null. */
    Html text(String s) {
        if (s != null) {
            String shown = VisibleText.of(s);
            out.append(needsEscaping(shown) ? HtmlEscape.escapeHtml4Xml(shown) : shown);
        }
        return this;
    }

    /** A number, which holds no markup character. */
    Html text(long n) {
        out.append(n);
        return this;
    }

    /** Markup the report itself wrote: a constant or a trusted fragment, never a value from an observation. */
    Html raw(String markup) {
        out.append(markup);
        return this;
    }

    boolean isEmpty() {
        return out.isEmpty();
    }

    @Override
    public String toString() {
        return out.toString();
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
