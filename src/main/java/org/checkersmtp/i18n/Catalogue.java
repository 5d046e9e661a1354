package org.checkersmtp.i18n;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.MessageSource;
import org.springframework.context.NoSuchMessageException;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * The message catalogue: everything a person reads, one properties file per language
 * ({@value #BASENAME}.properties is English, {@value #BASENAME}_fr.properties French). A template names
 * its parameters ({@code {endpoint} refuses EHLO with {reply}}); filling them is done here only, without
 * {@link java.text.MessageFormat}, so an apostrophe or a brace in a sentence is just text.
 */
public final class Catalogue {

    /** The catalogue's files on the classpath; Spring Boot's {@code spring.messages.basename} names the same. */
    public static final String BASENAME = "messages";

    private static final Pattern PARAMETER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9]*)}");

    /** The English catalogue, which the rules fill their states from (the API's language). */
    private static final Catalogue ENGLISH = new Catalogue(source());

    private final MessageSource source;

    public Catalogue(MessageSource source) {
        this.source = source;
    }

    public static Catalogue english() {
        return ENGLISH;
    }

    /** The catalogue's files as Spring reads them: UTF-8, and never the machine's language in place of English. */
    public static ResourceBundleMessageSource source() {
        ResourceBundleMessageSource source = new ResourceBundleMessageSource();
        source.setBasename(BASENAME);
        source.setDefaultEncoding("UTF-8");
        source.setFallbackToSystemLocale(false);
        return source;
    }

    /** The template of {@code key} in {@code locale} (English when the language lacks it), unfilled. */
    public String template(String key, Locale locale) {
        return source.getMessage(key, null, locale);
    }

    public boolean has(String key) {
        return source.getMessage(key, null, null, Locale.ROOT) != null;
    }

    /** The template of {@code key} with its parameters filled; a parameter it names and is not given is an error. */
    public String text(String key, Map<String, String> parameters, Locale locale) {
        return fill(key, template(key, locale), parameters);
    }

    public String text(String key, Locale locale) {
        return text(key, Map.of(), locale);
    }

    static String fill(String key, String template, Map<String, String> parameters) {
        if (template.indexOf('{') < 0) {
            return template;
        }
        Matcher m = PARAMETER.matcher(template);
        StringBuilder out = new StringBuilder(template.length() + 64);
        while (m.find()) {
            String value = parameters.get(m.group(1));
            if (value == null) {
                throw new NoSuchMessageException("parameter {" + m.group(1) + "} of \"" + key + "\" (given: "
                        + parameters.keySet() + ")");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
