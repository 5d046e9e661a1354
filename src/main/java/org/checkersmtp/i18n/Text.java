package org.checkersmtp.i18n;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A sentence not yet in a language: its template's key and the values of the parameters the template names.
 * A value is a string (a host, a reply: the same in every language) or another {@code Text} (a clause, said in
 * the sentence's language).
 */
public record Text(String key, Map<String, Object> parameters) {

    /** The key of a {@link #list}, whose parameters are its clauses in order: not a template of the catalogue. */
    private static final String LIST = "";
    static final String LIST_SEPARATOR = "list.separator";
    /** The key of a list with another separator starts so; the key is the separator's template. */
    private static final String OTHER_LIST = "list.";

    public Text {
        parameters = Map.copyOf(parameters);
    }

    /** The template {@code key} with {@code parameters}, names and values in turn (a value not a Text is a string). */
    public static Text of(String key, Object... parameters) {
        if (parameters.length % 2 != 0) {
            throw new IllegalArgumentException("parameters of " + key + " come in name, value pairs");
        }
        Map<String, Object> named = new LinkedHashMap<>();
        for (int i = 0; i < parameters.length; i += 2) {
            Object value = parameters[i + 1];
            named.put((String) parameters[i], value instanceof Text ? value : String.valueOf(value));
        }
        return new Text(key, named);
    }

    /** A text read back from JSON (a kept result): a parameter written as an object is a clause. */
    @JsonCreator
    static Text read(@JsonProperty("key") String key, @JsonProperty("parameters") Map<String, Object> parameters) {
        Map<String, Object> named = new LinkedHashMap<>();
        if (parameters != null) {
            parameters.forEach((name, value) -> named.put(name, value instanceof Map<?, ?> clause
                    ? read((String) clause.get("key"), castParameters(clause.get("parameters")))
                    : String.valueOf(value)));
        }
        return new Text(key == null ? "" : key, named);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castParameters(Object parameters) {
        return parameters instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    /** Clauses said one after the other, with the language's separator ({@value #LIST_SEPARATOR}). */
    public static Text list(List<Text> clauses) {
        Map<String, Object> named = new LinkedHashMap<>();
        for (int i = 0; i < clauses.size(); i++) {
            named.put(String.valueOf(i), clauses.get(i));
        }
        return new Text(LIST, named);
    }

    /**
     * Clauses said one after the other with the separator {@code separatorKey} (a template of the catalogue
     * whose key starts with {@value #OTHER_LIST}, e.g. {@code list.comma}).
     */
    public static Text list(String separatorKey, List<Text> clauses) {
        if (!separatorKey.startsWith(OTHER_LIST)) {
            throw new IllegalArgumentException("a list's separator is a key starting with " + OTHER_LIST);
        }
        Text list = list(clauses);
        return new Text(separatorKey, list.parameters());
    }

    public String in(Catalogue catalogue, Locale locale) {
        if (key.equals(LIST) || key.startsWith(OTHER_LIST)) {
            String separator = catalogue.template(key.equals(LIST) ? LIST_SEPARATOR : key, locale);
            return String.join(separator, java.util.stream.IntStream.range(0, parameters.size())
                    .mapToObj(i -> ((Text) parameters.get(String.valueOf(i))).in(catalogue, locale)).toList());
        }
        Map<String, String> filled = new LinkedHashMap<>();
        parameters.forEach((name, value) -> filled.put(name,
                value instanceof Text clause ? clause.in(catalogue, locale) : (String) value));
        return catalogue.text(key, filled, locale);
    }

    /** For the evidence, which quotes the checker's findings as they were made: in English. */
    public String inEnglish() {
        return in(Catalogue.classpath(), Locale.ENGLISH);
    }
}
