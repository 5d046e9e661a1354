package org.checkersmtp.web;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.checkersmtp.options.CheckOptions;
import org.checkersmtp.options.OptionCatalog;
import org.checkersmtp.options.OptionField;
import org.checkersmtp.options.OptionsParser;

/**
 * The /check form: built from the run options the checker definition publishes ({@link OptionCatalog})
 * with the Go SDK's field mapping (wire contract §2.7), and read back into the options map that
 * {@link OptionsParser} validates for the API too — so the page and the API accept the same values with
 * the same messages. Required fields (the domain) come first; the others are "advanced". The labels and
 * descriptions are the catalogue's ({@link Field#labelKey()}), said in the page's language by the template.
 *
 * <p>An unticked checkbox sends nothing, so each checkbox comes with a hidden marker
 * ({@code _test_open_relay}): marker without box means false, neither means the option's default (a
 * script posting only {@code domain} gets the defaults).
 */
public final class CheckForm {

    /**
     * Left out of the page: {@code tls_posture}, because the page always runs the TLS sibling (as the SDK's
     * /check runs every sibling), so a box to untick would do nothing.
     */
    private static final Set<String> NOT_ON_THE_PAGE = Set.of(OptionsParser.TLS_POSTURE);

    static final String MARKER = "_";

    /**
     * One input.
     *
     * @param input    "checkbox", "select", "textarea", "number", "password" or "text"
     * @param min      the number input's min, or null
     * @param step     the number input's step, or null
     * @param choices  the select's options, empty otherwise
     * @param advanced folded away under "Advanced options"
     */
    public record Field(String id, String input, String min, String step, List<String> choices, boolean required,
                        boolean advanced, Object defaultValue) {

        /** The label's key in the catalogue: the page says it in its language. */
        public String labelKey() {
            return OptionCatalog.labelKey(id);
        }

        public String descriptionKey() {
            return OptionCatalog.descriptionKey(id);
        }

        public boolean checkbox() {
            return "checkbox".equals(input);
        }

        /** The hidden marker sent with a checkbox, so that unticked reads false rather than "not sent". */
        public String marker() {
            return MARKER + id;
        }
    }

    private static final List<Field> FIELDS = OptionCatalog.runOptions().stream()
            .filter(o -> !o.hide() && !NOT_ON_THE_PAGE.contains(o.id()))
            .map(CheckForm::field)
            .sorted((a, b) -> Boolean.compare(a.advanced(), b.advanced()))
            .toList();

    /** The SDK's mapping of an option to an input. */
    private static Field field(OptionField o) {
        List<String> choices = o.choices() == null ? List.of() : o.choices();
        String input;
        String min = null;
        String step = null;
        if (!choices.isEmpty()) {
            input = "select";
        } else if ("bool".equals(o.type())) {
            input = "checkbox";
        } else if (o.textarea()) {
            input = "textarea";
        } else if ("number".equals(o.type())) {
            input = "number";
            step = "any";
        } else if ("uint".equals(o.type())) {
            input = "number";
            min = "0";
            step = "1";
        } else if (o.secret()) {
            input = "password";
        } else {
            input = "text";
        }
        return new Field(o.id(), input, min, step, choices, o.required(), !o.required(), o.defaultValue());
    }

    /** id → the text submitted (null: nothing sent); empty for a form not submitted yet. */
    private final Map<String, String> submitted;
    private final boolean wasSubmitted;

    private CheckForm(Map<String, String> submitted, boolean wasSubmitted) {
        this.submitted = submitted;
        this.wasSubmitted = wasSubmitted;
    }

    /** The form as first shown: every option at its default. */
    public static CheckForm blank() {
        return new CheckForm(Map.of(), false);
    }

    /** The form as posted (the servlet's parameter map); anything that is not a field is ignored. */
    public static CheckForm submitted(Map<String, String[]> parameters) {
        Map<String, String> values = new HashMap<>();
        for (Field f : FIELDS) {
            first(parameters, f.id()).ifPresent(v -> values.put(f.id(), v));
            if (f.checkbox()) {
                first(parameters, f.marker()).ifPresent(v -> values.put(f.marker(), v));
            }
        }
        return new CheckForm(values, true);
    }

    private static java.util.Optional<String> first(Map<String, String[]> parameters, String name) {
        String[] values = parameters.get(name);
        return values == null || values.length == 0 ? java.util.Optional.empty() : java.util.Optional.of(values[0]);
    }

    public List<Field> fields() {
        return FIELDS;
    }

    public List<Field> mainFields() {
        return FIELDS.stream().filter(f -> !f.advanced()).toList();
    }

    public List<Field> advancedFields() {
        return FIELDS.stream().filter(Field::advanced).toList();
    }

    /** What the input shows: the text submitted, or the default as Go's SDK prints it ("12", not "12.0"). */
    public String value(Field f) {
        if (wasSubmitted) {
            String v = submitted.get(f.id());
            return v == null ? "" : v;
        }
        return defaultText(f.defaultValue());
    }

    /** A checkbox is ticked when it was, or, on a fresh form, when its default is true. */
    public boolean checked(Field f) {
        return wasSubmitted ? "true".equals(submitted.get(f.id())) : Boolean.TRUE.equals(f.defaultValue());
    }

    private static String defaultText(Object value) {
        if (value == null || Boolean.FALSE.equals(value)) {
            return "";
        }
        if (value instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d)) {
            return Long.toString(d.longValue());
        }
        return value.toString();
    }

    /**
     * The options as the API's parser validates them.
     *
     * @throws org.checkersmtp.options.InvalidOptionException naming the field and the reason
     */
    public CheckOptions parse() {
        return OptionsParser.parse(options());
    }

    /** The loosely typed map the API's JSON would carry: numbers as numbers, empty text as "not given". */
    Map<String, Object> options() {
        Map<String, Object> options = new LinkedHashMap<>();
        for (Field f : FIELDS) {
            String raw = submitted.get(f.id());
            if (f.checkbox()) {
                if (raw != null) {
                    options.put(f.id(), raw);
                } else if (submitted.containsKey(f.marker())) {
                    options.put(f.id(), false);
                }
            } else if (raw != null && !raw.isEmpty()) {
                options.put(f.id(), "number".equals(f.input()) ? number(raw, f.step()) : raw);
            }
        }
        return options;
    }

    /** A number when the text is one (whole for step 1), else the text: the parser then names the field. */
    private static Object number(String raw, String step) {
        try {
            return "1".equals(step) ? (Object) Long.parseLong(raw.strip()) : (Object) Double.parseDouble(raw.strip());
        } catch (NumberFormatException e) {
            return raw;
        }
    }
}
