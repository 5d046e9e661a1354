package org.checkersmtp.options;

import java.net.IDN;
import java.util.Locale;
import java.util.regex.Pattern;
import org.checkersmtp.i18n.Text;

/** Host-name and mailbox syntax: what may safely be written into a DNS query or an SMTP command. */
public final class Hostnames {

    private static final Pattern LABEL = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");
    /** RFC 5322 atext, the characters of a dot-atom local part. */
    private static final Pattern DOT_ATOM =
            Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*");

    /** RFC 1035 §2.3.4, in the presentation form without the trailing dot. */
    private static final int MAX_NAME_LENGTH = 253;

    private Hostnames() {}

    /**
     * Returns the A-label, lower-case form of a host name without trailing dot, or throws with the
     * reason it is not a host name.
     */
    public static String normalize(String option, String raw) {
        if (raw == null || raw.isEmpty()) {
            throw new InvalidOptionException(option, Text.of("option.error.empty"));
        }
        rejectControlAndSmtpMetacharacters(option, raw);
        String name = raw.endsWith(".") ? raw.substring(0, raw.length() - 1) : raw;
        if (name.isEmpty()) {
            throw new InvalidOptionException(option, Text.of("option.error.root"));
        }
        String ascii = name.toLowerCase(Locale.ROOT);
        if (!name.chars().allMatch(c -> c < 0x80)) {
            try {
                ascii = IDN.toASCII(name, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
            } catch (IllegalArgumentException e) {
                // The JDK's text wraps a ParseException ("java.text.ParseException: …"): keep only its words.
                throw new InvalidOptionException(option,
                        Text.of("option.error.idn", "detail", plainWords(e.getMessage())));
            }
        }
        if (ascii.length() > MAX_NAME_LENGTH) {
            throw new InvalidOptionException(option, Text.of("option.error.too_long", "max", MAX_NAME_LENGTH));
        }
        for (String label : ascii.split("\\.", -1)) {
            if (label.isEmpty()) {
                throw new InvalidOptionException(option, Text.of("option.error.empty_label"));
            }
            if (!LABEL.matcher(label).matches()) {
                throw new InvalidOptionException(option, Text.of("option.error.bad_label", "label", label));
            }
        }
        return ascii;
    }

    /** Returns the address with its domain normalised, or throws with the reason it is not an addr-spec. */
    public static String normalizeAddress(String option, String raw) {
        if (raw == null || raw.isEmpty()) {
            throw new InvalidOptionException(option, Text.of("option.error.empty"));
        }
        rejectControlAndSmtpMetacharacters(option, raw);
        int at = raw.lastIndexOf('@');
        if (at <= 0 || at == raw.length() - 1) {
            throw new InvalidOptionException(option, Text.of("option.error.not_an_address"));
        }
        String local = raw.substring(0, at);
        if (local.length() > SmtpPaths.MAX_LOCAL_PART_OCTETS) {
            throw new InvalidOptionException(option,
                    Text.of("option.error.local_part_too_long", "max", SmtpPaths.MAX_LOCAL_PART_OCTETS));
        }
        if (!DOT_ATOM.matcher(local).matches()) {
            throw new InvalidOptionException(option, Text.of("option.error.not_a_dot_atom", "localPart", local));
        }
        return local + "@" + normalize(option, raw.substring(at + 1));
    }

    /**
     * Unicode characters a person cannot see or that break a line: named with their code point. (U+2028 and
     * U+2029, the only line and paragraph separators, are named before this.)
     */
    private static Text unicodeInvisible(char c) {
        String key = switch (Character.getType(c)) {
            case Character.CONTROL -> "option.character.control_code";
            case Character.FORMAT -> "option.character.format";
            case Character.SPACE_SEPARATOR -> "option.character.space_separator";
            default -> null;
        };
        return key == null ? null : character(key, c);
    }

    private static Text character(String key, char c) {
        return Text.of(key, "codePoint", String.format("U+%04X", (int) c));
    }

    /** A library message without the exception class names it quotes ("java.text.ParseException: …"). */
    static String plainWords(String message) {
        if (message == null) {
            return "rejected";
        }
        String words = message.replaceAll("\\b(?:[a-z][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error)\\b:?\\s*", "").strip();
        return words.isEmpty() ? "rejected" : words;
    }

    /** True when {@code name} equals {@code domain} or is a subdomain of it (both normalised). */
    public static boolean isWithin(String name, String domain) {
        String n = name.toLowerCase(Locale.ROOT);
        String d = domain.toLowerCase(Locale.ROOT);
        return n.equals(d) || n.endsWith("." + d);
    }

    /**
     * Whitespace anywhere (leading and trailing included: nothing is silently stripped), control and
     * format characters, Unicode line and paragraph separators, and the characters that delimit an SMTP
     * path or a command argument.
     */
    private static void rejectControlAndSmtpMetacharacters(String option, String raw) {
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            Text what = switch (c) {
                case '\r' -> Text.of("option.character.cr");
                case '\n' -> Text.of("option.character.lf");
                case ' ' -> Text.of("option.character.space");
                case '\t' -> Text.of("option.character.tab");
                case '"' -> Text.of("option.character.double_quote");
                case '\\' -> Text.of("option.character.backslash");
                case '<', '>', ',', ';', ':', '(', ')', '[', ']' -> Text.of("option.character.quoted", "character", c);
                case '\u0000' -> Text.of("option.character.nul");
                case '\u0085' -> character("option.character.next_line", c);
                case '\u2028' -> character("option.character.line_separator", c);
                case '\u2029' -> character("option.character.paragraph_separator", c);
                default -> (c < 0x20 || c == 0x7f) ? Text.of("option.character.control") : unicodeInvisible(c);
            };
            if (what != null) {
                throw new InvalidOptionException(option, Text.of("option.error.contains", "character", what));
            }
        }
    }
}
