package org.checkersmtp.i18n;

import java.util.Locale;
import java.util.Map;

/** A sentence not yet in a language: its template's key and the values of the parameters the template names. */
public record Text(String key, Map<String, String> parameters) {

    public Text {
        parameters = Map.copyOf(parameters);
    }

    public String in(Catalogue catalogue, Locale locale) {
        return catalogue.text(key, parameters, locale);
    }
}
