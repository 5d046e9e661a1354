package org.checkersmtp.i18n;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.MessageSource;
import org.springframework.context.NoSuchMessageException;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The message catalogue: everything a person reads, one properties file per language
 * ({@value #BASENAME}.properties is English, {@value #BASENAME}_fr.properties French). A template names
 * its parameters ({@code {endpoint} refuses EHLO with {reply}}); filling them is done here only, without
 * {@link java.text.MessageFormat}, so an apostrophe or a brace in a sentence is just text.
 */
public final class Catalogue {

    /** The catalogue's files on the classpath; Spring Boot's {@code spring.messages.basename} names the same. */
    public static final String BASENAME = "messages";

    /** A template's parameter, {@code {name}}: the one syntax of every template (its group 1 is the name). */
    public static final Pattern PARAMETER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9]*)}");

    private static final List<Locale> LANGUAGES = findLanguages();

    /** The catalogue of the classpath: the rules fill their states from it in English, the pages in any language. */
    private static final Catalogue CLASSPATH = new Catalogue(readFiles());

    private final MessageSource source;

    public Catalogue(MessageSource source) {
        this.source = source;
    }

    public static Catalogue classpath() {
        return CLASSPATH;
    }

    /** The Spring view of the same files, for Thymeleaf's #{…}. */
    public MessageSource messageSource() {
        return source;
    }

    /** The catalogue's files, UTF-8, and never the machine's language in place of English. */
    private static ResourceBundleMessageSource readFiles() {
        ResourceBundleMessageSource source = new ResourceBundleMessageSource();
        source.setBasename(BASENAME);
        source.setDefaultEncoding("UTF-8");
        source.setFallbackToSystemLocale(false);
        return source;
    }

    /**
     * The language a caller asks for in an {@code Accept-Language} header, among those the catalogue has
     * (English, and one per {@value #BASENAME}_xx.properties); empty when the header names none of them.
     */
    public static Optional<Locale> language(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(Locale.lookup(Locale.LanguageRange.parse(acceptLanguage), LANGUAGES));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The catalogue's language that {@code locale} speaks ("fr" for fr-CA); empty when it has none. */
    public static Optional<Locale> language(Locale locale) {
        if (locale == null) {
            return Optional.empty();
        }
        return LANGUAGES.stream().filter(l -> l.getLanguage().equals(locale.getLanguage())).findFirst();
    }

    /** The catalogue's languages: English, then one per {@value #BASENAME}_xx.properties beside messages.properties. */
    public static List<Locale> languages() {
        return LANGUAGES;
    }

    /**
     * Lists only the directory or jar of {@value #BASENAME}.properties: a {@code classpath*:} pattern at the root
     * opens every jar of the class path, about a third of a second of a command line's start.
     */
    private static List<Locale> findLanguages() {
        List<Locale> found = new ArrayList<>(List.of(Locale.ENGLISH));
        String english = BASENAME + ".properties";
        URL url = Catalogue.class.getClassLoader().getResource(english);
        if (url == null) {
            throw new IllegalStateException("no " + english + " on the class path");
        }
        String location = url.toString().substring(0, url.toString().length() - english.length());
        try {
            for (Resource r : new PathMatchingResourcePatternResolver().getResources(
                    location + BASENAME + "_*.properties")) {
                String name = r.getFilename();
                found.add(Locale.forLanguageTag(name.substring(BASENAME.length() + 1, name.length()
                        - ".properties".length()).replace('_', '-')));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(found);
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
