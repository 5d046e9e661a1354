package org.checkersmtp.json;

import tools.jackson.core.SerializableString;
import tools.jackson.core.io.CharacterEscapes;
import tools.jackson.core.io.SerializedString;

/**
 * Go's HTML-safe string escaping: {@code < > &} and U+2028/U+2029 as lowercase {@code \}{@code u} escapes,
 * control characters as {@code \n \r \t \b \f} or lowercase {@code \}{@code u00xx}.
 */
final class GoCharacterEscapes extends CharacterEscapes {

    private static final int[] ASCII_ESCAPES = standardAsciiEscapesForJSON();

    static {
        for (int c = 0; c < 0x20; c++) {
            ASCII_ESCAPES[c] = ESCAPE_CUSTOM;
        }
        ASCII_ESCAPES['<'] = ESCAPE_CUSTOM;
        ASCII_ESCAPES['>'] = ESCAPE_CUSTOM;
        ASCII_ESCAPES['&'] = ESCAPE_CUSTOM;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
        return ASCII_ESCAPES;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
        return switch (ch) {
            case '\n' -> new SerializedString("\\n");
            case '\r' -> new SerializedString("\\r");
            case '\t' -> new SerializedString("\\t");
            case '\b' -> new SerializedString("\\b");
            case '\f' -> new SerializedString("\\f");
            default -> (ch < 0x20 || ch == '<' || ch == '>' || ch == '&' || ch == 0x2028 || ch == 0x2029)
                    ? new SerializedString(String.format("\\u%04x", ch))
                    : null;
        };
    }
}
