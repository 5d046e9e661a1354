package org.checkersmtp.exporter;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.checkersmtp.options.CheckOptions;
import org.checkersmtp.options.InvalidOptionException;
import org.checkersmtp.observation.OptionalProbe;
import org.checkersmtp.options.OptionsParser;
import org.springframework.stereotype.Component;

/**
 * The exporter's modules ({@code checker.exporter.modules.<name>}), each a set of run options checked at
 * start-up by the same {@link OptionsParser} as every request: a bad module stops the service, naming the key.
 */
@Component
public class ProbeModules {

    /** The module of a scrape that names none. */
    public static final String DEFAULT = "default";
    static final String PREFIX = "checker.exporter.modules.";
    /** Any valid domain: a module is checked with it, since the target only comes with a scrape. */
    private static final String SAMPLE_DOMAIN = "example.org";

    /** A module: its run options as the parser reads them, and whether the TLS sibling runs. */
    public record Module(String name, Map<String, Object> options, boolean tlsPosture) {

        /** The options of a check of {@code target}; the reason names {@code domain} when the target is not one. */
        public CheckOptions optionsFor(String target) {
            Map<String, Object> all = new HashMap<>(options);
            all.put(OptionsParser.DOMAIN, target);
            return OptionsParser.parse(all);
        }
    }

    private final Map<String, Module> modules;

    public ProbeModules(ExporterProperties properties) {
        Map<String, Module> byName = new TreeMap<>();
        properties.modules().forEach((name, raw) -> byName.put(name, module(name, raw)));
        // Built in unless configured: every optional probe and the TLS sibling (certificates, DANE, MTA-STS).
        byName.putIfAbsent(DEFAULT, module(DEFAULT, Map.of(kebab(OptionsParser.TLS_POSTURE), "true")));
        this.modules = Map.copyOf(byName);
    }

    public Optional<Module> get(String name) {
        return Optional.ofNullable(modules.get(name));
    }

    /** The module names, sorted. */
    public Set<String> names() {
        return new TreeMap<>(modules).keySet();
    }

    /** The run options a module may set, in the kebab case of Spring's keys ("tls-posture" is tls_posture). */
    static List<String> keys() {
        return Stream.concat(Stream.of(OptionsParser.TIMEOUT, OptionsParser.HELO_NAME, OptionsParser.TLS_POSTURE,
                        OptionsParser.TEST_PROBE_ADDRESS), Stream.of(OptionalProbe.values()).map(OptionalProbe::option))
                .map(ProbeModules::kebab).toList();
    }

    private static Module module(String name, Map<String, String> raw) {
        Map<String, Object> options = new LinkedHashMap<>();
        raw.forEach((key, value) -> {
            if (!keys().contains(key)) {
                throw new IllegalStateException(PREFIX + name + "." + key + ": not a module option (known: "
                        + String.join(", ", keys()) + ")");
            }
            String option = key.replace('-', '_');
            options.put(option, option.equals(OptionsParser.TIMEOUT) ? number(value) : value);
        });
        try {
            Map<String, Object> sample = new HashMap<>(options);
            sample.put(OptionsParser.DOMAIN, SAMPLE_DOMAIN);
            OptionsParser.parse(sample);
            return new Module(name, Map.copyOf(options), OptionsParser.tlsPosture(options));
        } catch (InvalidOptionException e) {
            throw new IllegalStateException(PREFIX + name + "." + kebab(e.option()) + ": " + e.reason(), e);
        }
    }

    /** Seconds, as the run option takes them; anything else goes to the parser as given, to be refused there. */
    private static Object number(String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            return value;
        }
    }

    private static String kebab(String option) {
        return option.replace('_', '-');
    }
}
