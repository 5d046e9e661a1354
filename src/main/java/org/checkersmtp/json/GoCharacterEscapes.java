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

    /** Built once: transcripts are full of {@code <} and {@code >}, and every one is asked for. */
    private static final SerializableString[] ASCII_SEQUENCES = new SerializableString[128];
    private static final SerializableString LINE_SEPARATOR = unicode(0x2028);
    private static final SerializableString PARAGRAPH_SEPARATOR = unicode(0x2029);

    static {
        for (int c = 0; c < ASCII_SEQUENCES.length; c++) {
            if (ASCII_ESCAPES[c] == ESCAPE_CUSTOM) {
                ASCII_SEQUENCES[c] = switch (c) {
                    case '\n' -> new SerializedString("\\n");
                    case '\r' -> new SerializedString("\\r");
                    case '\t' -> new SerializedString("\\t");
                    case '\b' -> new SerializedString("\\b");
                    case '\f' -> new SerializedString("\\f");
                    default -> unicode(c);
                };
            }
        }
    }

    private static SerializableString unicode(int ch) {
        return new SerializedString(String.format("\\u%04x", ch));
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
        if (ch >= 0 && ch < ASCII_SEQUENCES.length) {
            return ASCII_SEQUENCES[ch];
        }
        return ch == 0x2028 ? LINE_SEPARATOR : ch == 0x2029 ? PARAGRAPH_SEPARATOR : null;
    }
}
