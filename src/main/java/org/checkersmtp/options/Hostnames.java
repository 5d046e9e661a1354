package org.checkersmtp.options;

import java.net.IDN;
import java.util.Locale;
import java.util.regex.Pattern;

/** Host-name and mailbox syntax: what may safely be written into a DNS query or an SMTP command. */
public final class Hostnames {

    private static final Pattern LABEL = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");
    /** RFC 5322 atext, the characters of a dot-atom local part. */
    private static final Pattern DOT_ATOM =
            Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*");

    private Hostnames() {}

    /**
     * Returns the A-label, lower-case form of a host name without trailing dot, or throws with the
     * reason it is not a host name.
     */
    public static String normalize(String option, String raw) {
        if (raw == null || raw.isEmpty()) {
            throw new InvalidOptionException(option, "must not be empty");
        }
        rejectControlAndSmtpMetacharacters(option, raw);
        String name = raw.endsWith(".") ? raw.substring(0, raw.length() - 1) : raw;
        if (name.isEmpty()) {
            throw new InvalidOptionException(option, "must be a host name, not the root \".\"");
        }
        String ascii = name.toLowerCase(Locale.ROOT);
        if (!name.chars().allMatch(c -> c < 0x80)) {
            try {
                ascii = IDN.toASCII(name, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
            } catch (IllegalArgumentException e) {
                // The JDK's text wraps a ParseException ("java.text.ParseException: …"): keep only its words.
                throw new InvalidOptionException(option,
                        "is not a valid internationalised host name (" + plainWords(e.getMessage()) + ")");
            }
        }
        if (ascii.length() > 253) {
            throw new InvalidOptionException(option, "is longer than 253 characters");
        }
        for (String label : ascii.split("\\.", -1)) {
            if (label.isEmpty()) {
                throw new InvalidOptionException(option, "has an empty label (two dots in a row)");
            }
            if (!LABEL.matcher(label).matches()) {
                throw new InvalidOptionException(option,
                        "label \"" + label + "\" is not a host-name label (letters, digits, inner hyphens, at most 63)");
            }
        }
        return ascii;
    }

    /** Returns the address with its domain normalised, or throws with the reason it is not an addr-spec. */
    public static String normalizeAddress(String option, String raw) {
        if (raw == null || raw.isEmpty()) {
            throw new InvalidOptionException(option, "must not be empty");
        }
        rejectControlAndSmtpMetacharacters(option, raw);
        int at = raw.lastIndexOf('@');
        if (at <= 0 || at == raw.length() - 1) {
            throw new InvalidOptionException(option, "must be an address of the form local@domain");
        }
        String local = raw.substring(0, at);
        if (local.length() > SmtpPaths.MAX_LOCAL_PART_OCTETS) {
            throw new InvalidOptionException(option,
                    "local part is longer than " + SmtpPaths.MAX_LOCAL_PART_OCTETS + " characters (RFC 5321 section 4.5.3.1.1)");
        }
        if (!DOT_ATOM.matcher(local).matches()) {
            throw new InvalidOptionException(option,
                    "local part \"" + local + "\" is not a dot-atom (quoted local parts are not accepted)");
        }
        return local + "@" + normalize(option, raw.substring(at + 1));
    }

    /** Unicode characters a person cannot see or that break a line: named with their code point. */
    private static String unicodeInvisible(char c) {
        String kind = switch (Character.getType(c)) {
            case Character.CONTROL -> "a control character";
            case Character.FORMAT -> "an invisible formatting character";
            case Character.SPACE_SEPARATOR -> "a space character";
            case Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> "a line separator";
            default -> null;
        };
        return kind == null ? null : kind + String.format(" (U+%04X)", (int) c);
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
            String what = switch (c) {
                case '\r' -> "a carriage return (CR)";
                case '\n' -> "a line feed (LF)";
                case ' ' -> "a space";
                case '\t' -> "a tab";
                case '<' -> "\"<\"";
                case '>' -> "\">\"";
                case '"' -> "a double quote";
                case '\\' -> "a backslash";
                case ',', ';', ':' -> "\"" + c + "\"";
                case '(', ')', '[', ']' -> "\"" + c + "\"";
                case '\u0000' -> "a NUL character";
                case '\u0085' -> "a next-line character (U+0085)";
                case '\u2028' -> "a line separator (U+2028)";
                case '\u2029' -> "a paragraph separator (U+2029)";
                default -> (c < 0x20 || c == 0x7f) ? "a control character" : unicodeInvisible(c);
            };
            if (what != null) {
                throw new InvalidOptionException(option, "must not contain " + what);
            }
        }
    }
}
