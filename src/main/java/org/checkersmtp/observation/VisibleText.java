package org.checkersmtp.observation;

import java.util.Locale;

/**
 * Text from outside (a server's banner and replies, a name, an option as typed) as a person must see it,
 * on a terminal or a page: every control and format character written as an escape ({@code \x1b},
 * {@code \x0d}, {@code \u202e}), so nothing a server sends can move the cursor, retitle the terminal,
 * add a line or reverse what follows it.
 */
public final class VisibleText {

    private VisibleText() {}

    /** {@code text} with its invisible characters escaped; the same instance when it has none (most texts), or null. */
    public static String of(String text) {
        int first = text == null ? -1 : firstInvisible(text);
        if (first < 0) {
            return text;
        }
        StringBuilder b = new StringBuilder(text.length() + 8).append(text, 0, first);
        text.codePoints().skip(text.codePointCount(0, first)).forEach(cp -> {
            if (invisible(cp)) {
                b.append(String.format(Locale.ROOT, cp <= 0xff ? "\\x%02x" : "\\u%04x", cp));
            } else {
                b.appendCodePoint(cp);
            }
        });
        return b.toString();
    }

    private static int firstInvisible(String text) {
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (invisible(cp)) {
                return i;
            }
            i += Character.charCount(cp);
        }
        return -1;
    }

    private static boolean invisible(int cp) {
        return Character.isISOControl(cp) || cp == 0x2028 || cp == 0x2029 || Character.getType(cp) == Character.FORMAT;
    }
}
