package org.checkersmtp.options;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.checkersmtp.i18n.Catalogue;
import org.checkersmtp.observation.OptionalProbe;

/**
 * The run options this checker understands, with their defaults, as published in /definition. Their words are
 * in the catalogue, under the option's id: {@code option.<id>.label} and {@code option.<id>.description}.
 */
public final class OptionCatalog {

    /** The options without their words, in the order /definition and the /check form show them. */
    private static final List<OptionField> OPTIONS = options();

    private OptionCatalog() {}

    private static List<OptionField> options() {
        List<OptionField> fields = new ArrayList<>(List.of(
                OptionField.of(OptionsParser.DOMAIN, "string", null).autoFilled("domain_name").requiredField(),
                OptionField.of(OptionsParser.SUBDOMAIN, "string", null).autoFilled("subdomain").hidden(),
                OptionField.of(OptionsParser.TIMEOUT, "number", (double) CheckOptions.DEFAULT_TIMEOUT.toSeconds()),
                OptionField.of(OptionsParser.HELO_NAME, "string", CheckOptions.DEFAULT_HELO_NAME)));
        // The optional probes come after the EHLO name, each switched by its option (OptionalProbe).
        for (OptionalProbe p : OptionalProbe.values()) {
            fields.add(OptionField.of(p.option(), "bool", p.defaultOn()));
        }
        fields.addAll(List.of(
                OptionField.of(OptionsParser.TEST_PROBE_ADDRESS, "string", CheckOptions.DEFAULT_PROBE_ADDRESS),
                OptionField.of(OptionsParser.TLS_POSTURE, "bool", false)));
        return List.copyOf(fields);
    }

    /** The run options in English, the machine API's language. */
    public static List<OptionField> runOptions() {
        return runOptions(Catalogue.classpath(), Locale.ENGLISH);
    }

    /** The run options with their labels and descriptions in {@code language}. */
    public static List<OptionField> runOptions(Catalogue catalogue, Locale language) {
        return OPTIONS.stream().map(o -> o.said(catalogue.text(labelKey(o.id()), language),
                catalogue.text(descriptionKey(o.id()), language))).toList();
    }

    public static String labelKey(String id) {
        return "option." + id + ".label";
    }

    public static String descriptionKey(String id) {
        return "option." + id + ".description";
    }
}
