package org.checkersmtp.api;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.core.exc.UnexpectedEndOfInputException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.ValueInstantiationException;

/**
 * What was wrong with a JSON body, in words a client can act on: the field's path and what belongs
 * there. Jackson's own messages name Java types ({@code java.util.LinkedHashMap}, {@code int}); these
 * never reach a client.
 */
public final class JsonProblems {

    /** A dotted Java name ("java.text.ParseException"), a backticked type, or a bare exception name. */
    private static final Pattern JAVA_NAME = Pattern.compile(
            "`[^`]*`|\\b(?:[a-z_][\\w$]*\\.)+[A-Z][\\w$]*\\b|\\b\\w*(?:Exception|Error)\\b");
    /** "java.net.SocketException: " inside a message: the class and its colon go, the cause's words stay. */
    private static final Pattern EXCEPTION_PREFIX = Pattern.compile(
            "\\b(?:[a-z_][\\w$]*\\.)*[A-Z][\\w$]*(?:Exception|Error):\\s*");
    private static final Pattern GOT = Pattern.compile("from (String|Array|Object|Integer|Float|Boolean|Null)\\b");
    private static final Pattern LIMIT_SOURCE = Pattern.compile(",?\\s*from `[^`]*`");
    private static final Pattern START_MARKER = Pattern.compile("\\s*\\(start marker at .*$");
    /**
     * Jackson's advice on a feature to enable ("…: enable `JsonReadFeature.X` to allow", "(not recognized
     * as one since Feature 'ALLOW_COMMENTS' not enabled for parser)"): not the client's.
     */
    private static final Pattern FEATURE_ADVICE = Pattern.compile(
            ":?\\s*(?:\\([^()]*)?\\benable `[^`]*` to allow[^()]*\\)?|\\s*\\([^()]*\\bFeature '[^']*'[^()]*\\)");

    private JsonProblems() {}

    /** {@code root} prefixes the path ("data", "observations.smtp"); empty for the body itself. */
    static String describe(JacksonException e, String root) {
        String where = path(root, e.getPath());
        String what;
        if (e instanceof UnexpectedEndOfInputException) {
            what = "unexpected end of body" + at(e.getLocation()); // a truncated body, not a misshapen one
        } else if (e instanceof StreamConstraintsException) {
            what = words(LIMIT_SOURCE.matcher(e.getOriginalMessage()).replaceAll(""));
        } else if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            what = "expected " + expected(m.getTargetType()) + got(e.getOriginalMessage());
        } else if (e instanceof ValueInstantiationException) {
            Throwable cause = e.getCause();
            what = cause instanceof NullPointerException || cause == null || cause.getMessage() == null
                    ? "holds null where a value belongs" : words(cause.getMessage());
        } else if (e.getPath().isEmpty() || e instanceof StreamReadException) {
            what = words(FEATURE_ADVICE.matcher(START_MARKER.matcher(e.getOriginalMessage()).replaceAll(""))
                    .replaceAll("")) + at(e.getLocation());
        } else {
            what = "does not have the expected shape";
        }
        return where.isEmpty() ? what : where + ": " + what;
    }

    /**
     * A message with every Java type name taken out; "malformed" when nothing is left. Also what the /check
     * page shows after "Collect failed:".
     */
    public static String words(String message) {
        if (message == null) {
            return "malformed";
        }
        String first = message.lines().findFirst().orElse("");
        String cleaned = JAVA_NAME.matcher(EXCEPTION_PREFIX.matcher(first).replaceAll("")).replaceAll("")
                .replaceAll("\\(\\s*\\)", "").replaceAll("\\s{2,}", " ").replaceAll("\\s+([:,.)])", "$1").strip();
        return cleaned.isEmpty() || cleaned.equals(":") ? "malformed" : cleaned;
    }

    static String path(String root, List<JacksonException.Reference> refs) {
        StringBuilder out = new StringBuilder(root);
        for (JacksonException.Reference ref : refs) {
            if (ref.getPropertyName() != null) {
                out.append(out.length() == 0 ? "" : ".").append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    /** The path of the first null element of an array inside {@code node}, or null when there is none. */
    static String firstNullInArray(JsonNode node, String path) {
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String at = path + "[" + i + "]";
                String found = node.get(i).isNull() ? at : firstNullInArray(node.get(i), at);
                if (found != null) {
                    return found;
                }
            }
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                String found = firstNullInArray(field.getValue(), path + "." + field.getKey());
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static String expected(Class<?> type) {
        if (type == String.class || type == Character.class || type == char.class) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type.isPrimitive() || Number.class.isAssignableFrom(type)) {
            return "a number";
        }
        if (Map.class.isAssignableFrom(type)) {
            return "an object";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (type.isEnum()) {
            return "one of the documented values";
        }
        if (type == Instant.class) {
            return "an RFC 3339 time";
        }
        if (JsonNode.class.isAssignableFrom(type)) {
            return "a JSON value";
        }
        return "an object";
    }

    private static String got(String message) {
        Matcher m = GOT.matcher(message == null ? "" : message);
        if (!m.find()) {
            return "";
        }
        return ", got " + switch (m.group(1)) {
            case "String" -> "a string";
            case "Array" -> "an array";
            case "Object" -> "an object";
            case "Boolean" -> "a boolean";
            case "Null" -> "null";
            default -> "a number";
        };
    }

    private static String at(TokenStreamLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }
}
