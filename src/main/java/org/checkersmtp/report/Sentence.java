package org.checkersmtp.report;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import org.checkersmtp.i18n.Catalogue;

/**
 * A catalogue template of the report split once into its text and its {@code {named}} parameters, filled per
 * endpoint without reading the catalogue again. A value is never read as a template: a server's text that
 * holds "{phase}" stays as it is.
 */
final class Sentence {

    private final String key;
    /** Literal text and parameter names in turn, starting and ending with a literal (maybe empty). */
    private final List<String> parts = new ArrayList<>();

    Sentence(String key, String template) {
        this.key = key;
        Matcher m = Catalogue.PARAMETER.matcher(template);
        int from = 0;
        while (m.find()) {
            parts.add(template.substring(from, m.start()));
            parts.add(m.group(1));
            from = m.end();
        }
        parts.add(template.substring(from));
    }

    /** The sentence with {@code parameters}, names and values in turn; a parameter it names and is not given is an error. */
    String with(String... parameters) {
        StringBuilder out = new StringBuilder(64);
        for (int i = 0; i < parts.size(); i++) {
            out.append(i % 2 == 0 ? parts.get(i) : value(parts.get(i), parameters));
        }
        return out.toString();
    }

    private String value(String name, String[] parameters) {
        for (int i = 0; i < parameters.length; i += 2) {
            if (parameters[i].equals(name)) {
                return parameters[i + 1];
            }
        }
        throw new IllegalArgumentException("parameter {" + name + "} of \"" + key + "\" not given");
    }
}
