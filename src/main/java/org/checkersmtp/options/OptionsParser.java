package org.checkersmtp.options;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import org.checkersmtp.i18n.Text;
import org.checkersmtp.observation.OptionalProbe;

/**
 * Turns the loosely typed options map of the checker API (JSON numbers, booleans, strings) into
 * {@link CheckOptions}, or an {@link InvalidOptionException} naming the option and the reason.
 * Unknown keys are ignored: happyDomain sends every option it has (endpoint, service, …).
 */
public final class OptionsParser {

    public static final String DOMAIN = "domain";
    public static final String SUBDOMAIN = "subdomain";
    public static final String TIMEOUT = "timeout";
    public static final String HELO_NAME = "helo_name";
    public static final String TEST_PROBE_ADDRESS = "test_probe_address";
    public static final String TLS_POSTURE = "tls_posture";

    private OptionsParser() {}

    public static CheckOptions parse(Map<String, ?> options) {
        Map<String, ?> opts = options == null ? Map.of() : options;
        String domain = Hostnames.normalize(DOMAIN, requiredString(opts, DOMAIN));
        String domainOption = DOMAIN;
        String subdomain = optionalString(opts, SUBDOMAIN, "");
        if (!subdomain.isEmpty() && !subdomain.equals("@")) {
            // happyDomain's "subdomain" auto-fill is relative to the zone: the service lives below it.
            String relative = subdomain.endsWith(".") ? subdomain.substring(0, subdomain.length() - 1) : subdomain;
            if (!Hostnames.isWithin(relative, domain)) {
                domain = Hostnames.normalize(SUBDOMAIN, relative + "." + domain);
                domainOption = SUBDOMAIN;
            }
        }
        Duration timeout = timeout(opts);
        String helo = Hostnames.normalize(HELO_NAME, optionalString(opts, HELO_NAME, CheckOptions.DEFAULT_HELO_NAME));
        String probe = Hostnames.normalizeAddress(TEST_PROBE_ADDRESS,
                optionalString(opts, TEST_PROBE_ADDRESS, CheckOptions.DEFAULT_PROBE_ADDRESS));
        SmtpPaths.requireFits(domainOption, SmtpPaths.POSTMASTER + "@" + domain, Text.of("option.command.rcpt_to"));
        SmtpPaths.requireFits(HELO_NAME, SmtpPaths.POSTMASTER + "@" + helo, Text.of("option.command.mail_from"));
        SmtpPaths.requireFits(TEST_PROBE_ADDRESS, probe, Text.of("option.command.both"));
        EnumSet<OptionalProbe> probes = EnumSet.noneOf(OptionalProbe.class);
        for (OptionalProbe p : OptionalProbe.values()) {
            if (bool(opts, p.option(), p.defaultOn())) {
                probes.add(p);
            }
        }
        return new CheckOptions(domain, timeout, helo, probes, probe);
    }

    /**
     * The run option {@value #TLS_POSTURE}: run our TLS sibling after the collect (off by default, for
     * happyDomain runs its own TLS checker on the entries we publish).
     */
    public static boolean tlsPosture(Map<String, ?> options) {
        return bool(options == null ? Map.of() : options, TLS_POSTURE, false);
    }

    /** An absent option and an empty string are the same (Go's zero value); anything else is checked as given. */
    private static String requiredString(Map<String, ?> opts, String key) {
        Object value = opts.get(key);
        if (value == null || (value instanceof String s && s.isEmpty())) {
            throw new InvalidOptionException(key, Text.of("option.error.required"));
        }
        return string(key, value);
    }

    private static String optionalString(Map<String, ?> opts, String key, String fallback) {
        Object value = opts.get(key);
        if (value == null || (value instanceof String s && s.isEmpty())) {
            return fallback;
        }
        return string(key, value);
    }

    private static String string(String key, Object value) {
        if (value instanceof String s) {
            return s; // never stripped: surrounding whitespace is rejected with the option's name
        }
        throw new InvalidOptionException(key, Text.of("option.error.not_a_string", "type", typeName(value)));
    }

    private static Duration timeout(Map<String, ?> opts) {
        Object value = opts.get(TIMEOUT);
        if (value == null) {
            return CheckOptions.DEFAULT_TIMEOUT;
        }
        if (!(value instanceof Number n)) {
            throw new InvalidOptionException(TIMEOUT, Text.of("option.error.not_a_number", "type", typeName(value)));
        }
        double seconds = n.doubleValue();
        if (Double.isNaN(seconds) || seconds <= 0 || Double.isInfinite(seconds)) {
            throw new InvalidOptionException(TIMEOUT, Text.of("option.error.not_positive", "value", n));
        }
        // No upper bound (happyDomain's definition sets none): the collector caps it at the collect deadline.
        return Duration.ofMillis(Math.max(1, Math.round(seconds * 1000)));
    }

    private static boolean bool(Map<String, ?> opts, String key, boolean fallback) {
        Object value = opts.get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        if ("true".equals(value)) {
            return true;
        }
        if ("false".equals(value)) {
            return false;
        }
        throw new InvalidOptionException(key, Text.of("option.error.not_a_boolean", "type", typeName(value)));
    }

    /** The JSON type of a value, as a refusal names what it got instead. */
    private static Text typeName(Object value) {
        String type;
        if (value instanceof String) {
            type = "string";
        } else if (value instanceof Number) {
            type = "number";
        } else if (value instanceof Boolean) {
            type = "boolean";
        } else if (value instanceof Map) {
            type = "object";
        } else if (value instanceof Iterable) {
            type = "array";
        } else {
            type = "other";
        }
        return Text.of("option.type." + type);
    }
}
