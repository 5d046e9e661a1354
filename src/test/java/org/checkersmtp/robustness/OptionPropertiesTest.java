package org.checkersmtp.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.checkersmtp.collect.SmtpCollector;
import org.checkersmtp.observation.SmtpObservation;
import org.checkersmtp.options.CheckOptions;
import org.checkersmtp.options.InvalidOptionException;
import org.checkersmtp.options.OptionsParser;
import org.checkersmtp.options.SmtpPaths;
import org.checkersmtp.testsupport.ScriptedSmtpServer;
import org.checkersmtp.testsupport.TestCollectors;
import org.checkersmtp.testsupport.ZoneDnsServer;

/**
 * domain, helo_name and test_probe_address as an attacker or a careless user writes them. Every value
 * goes the way a request goes: parsed, and when accepted, collected against a scripted SMTP server.
 * A refused value must leave the wire untouched; an accepted one must give syntactically valid SMTP
 * within RFC 5321's limits, read from the bytes the server received.
 */
class OptionPropertiesTest {

    private static final String ZONE_APEX = "prop.test";
    private static final Pattern PATH = Pattern.compile("^(?:MAIL FROM|RCPT TO):(<[^>]*>)", Pattern.CASE_INSENSITIVE);
    static final AtomicInteger CASES = new AtomicInteger();
    static final AtomicInteger SESSIONS = new AtomicInteger();
    static final java.util.concurrent.atomic.AtomicLong SESSION_NANOS = new java.util.concurrent.atomic.AtomicLong();

    private static ScriptedSmtpServer smtp;
    private static ZoneDnsServer dns;
    private static SmtpCollector collector;
    private static long started;

    @BeforeContainer
    static void start() {
        smtp = ScriptedSmtpServer.builder().extensions("PIPELINING", "8BITMIME").start();
        dns = new ZoneDnsServer(String.join("\n",
                ZONE_APEX + ". 300 IN MX 10 mx." + ZONE_APEX + ".",
                "*." + ZONE_APEX + ". 300 IN MX 10 mx." + ZONE_APEX + ".",
                "mx." + ZONE_APEX + ". 300 IN A 127.0.0.1"));
        collector = new SmtpCollector(TestCollectors.properties(dns.address(), smtp.port(), Duration.ofSeconds(20)),
                Clock.systemUTC());
        started = System.nanoTime();
    }

    @AfterContainer
    static void stop() {
        System.out.printf("option properties: %d cases, %d collected (%d ms each on average), %d ms in all%n",
                CASES.get(), SESSIONS.get(), SESSION_NANOS.get() / Math.max(1, SESSIONS.get()) / 1_000_000,
                (System.nanoTime() - started) / 1_000_000);
        smtp.close();
        dns.close();
    }

    // --- refused values never reach the wire -------------------------------------------------------

    @Property(tries = 3340)
    void hostileDomainsNeverReachTheWire(@ForAll("hostileNames") String value) {
        checkAsARequestWould(OptionsParser.DOMAIN, value);
    }

    @Property(tries = 3300)
    void hostileHeloNamesNeverReachTheWire(@ForAll("hostileNames") String value) {
        checkAsARequestWould(OptionsParser.HELO_NAME, value);
    }

    @Property(tries = 3300)
    void hostileProbeAddressesNeverReachTheWire(@ForAll("hostileAddresses") String value) {
        checkAsARequestWould(OptionsParser.TEST_PROBE_ADDRESS, value);
    }

    // --- accepted values give valid SMTP ---------------------------------------------------------------

    @Property(tries = 60)
    void acceptedValuesGiveValidSmtpWithinRfc5321Limits(@ForAll("validDomains") String domain,
                                                        @ForAll("validNames") String helo,
                                                        @ForAll("validAddresses") String probe) {
        Map<String, Object> options = new HashMap<>(Map.of(OptionsParser.DOMAIN, domain,
                OptionsParser.HELO_NAME, helo, OptionsParser.TEST_PROBE_ADDRESS, probe, OptionsParser.TIMEOUT, 5));
        CASES.incrementAndGet();
        CheckOptions parsed = OptionsParser.parse(options);
        collectAndCheckTheWire(parsed);
    }

    private static void checkAsARequestWould(String option, String value) {
        CASES.incrementAndGet();
        Map<String, Object> options = new HashMap<>(Map.of(OptionsParser.DOMAIN, "a." + ZONE_APEX,
                OptionsParser.TIMEOUT, 5));
        options.put(option, value);
        CheckOptions parsed;
        int before = smtp.connections();
        try {
            parsed = OptionsParser.parse(options);
        } catch (InvalidOptionException e) {
            assertThat(e.getMessage()).startsWith("option \"").doesNotContainPattern("java\\.[a-z]+\\.|Exception");
            assertThat(e.option()).isIn(option, OptionsParser.SUBDOMAIN);
            assertThat(smtp.connections()).as("connections after refusing %s", value).isEqualTo(before);
            return;
        }
        collectAndCheckTheWire(parsed); // accepted after all: then it must be valid SMTP
    }

    private static synchronized void collectAndCheckTheWire(CheckOptions options) {
        int from = smtp.received().length;
        long t0 = System.nanoTime();
        SmtpObservation observation = collector.collect(options);
        SESSION_NANOS.addAndGet(System.nanoTime() - t0);
        SESSIONS.incrementAndGet();
        byte[] all = smtp.received();
        byte[] wire = java.util.Arrays.copyOfRange(all, from, all.length);
        if (observation.endpoints().isEmpty()) {
            assertThat(wire).isEmpty(); // a domain outside the test zone: nothing to probe, nothing sent
            return;
        }
        List<String> lines = commandLines(wire);
        assertThat(lines).as("commands sent").isNotEmpty();
        for (String line : lines) {
            int octets = line.getBytes(StandardCharsets.ISO_8859_1).length + 2;
            assertThat(octets).as("command line %s", line).isLessThanOrEqualTo(512);
            assertThat(line).doesNotContain("\r", "\n", "\0");
            Matcher path = PATH.matcher(line);
            if (path.find()) {
                assertThat(path.group(1).length()).as("path in %s", line).isLessThanOrEqualTo(SmtpPaths.MAX_PATH_OCTETS);
            }
            assertThat(line.toUpperCase()).doesNotStartWith("DATA");
        }
        assertThat(lines).contains("EHLO " + options.heloName());
    }

    /** Command lines as sent: CRLF-terminated, nothing after the last CRLF, no bare CR or LF. */
    private static List<String> commandLines(byte[] wire) {
        String text = new String(wire, StandardCharsets.ISO_8859_1);
        assertThat(text).endsWith("\r\n");
        List<String> lines = new ArrayList<>(List.of(text.substring(0, text.length() - 2).split("\r\n", -1)));
        return lines;
    }

    // --- generators --------------------------------------------------------------------------------

    private static final List<String> POISON = List.of("\r", "\n", "\r\n", "\0", "<", ">", " ", "\t", "\u2028",
            "\u2029", "\u0085", "\u00a0", "\u200b", "\"", "\\", ",", ";", ":", "[", "]", "(", ")", "\u0007",
            "\r\nRCPT TO:<victim@example.org>", "\nDATA\n", "\ufeff", "\u3000");

    @Provide
    Arbitrary<String> hostileNames() {
        Arbitrary<String> poisoned = Combinators.combine(validNames(), Arbitraries.of(POISON),
                Arbitraries.integers().between(0, 1000)).as((name, poison, at) -> {
                    int i = at % (name.length() + 1);
                    return name.substring(0, i) + poison + name.substring(i);
                });
        Arbitrary<String> tooLong = Arbitraries.integers().between(244, 300).map(OptionPropertiesTest::hostName);
        Arbitrary<String> noise = Arbitraries.strings().all().ofMinLength(1).ofMaxLength(300);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, poisoned), net.jqwik.api.Tuple.of(2, tooLong), net.jqwik.api.Tuple.of(2, noise));
    }

    @Provide
    Arbitrary<String> hostileAddresses() {
        Arbitrary<String> poisoned = Combinators.combine(validAddresses(), Arbitraries.of(POISON),
                Arbitraries.integers().between(0, 1000)).as((address, poison, at) -> {
                    int i = at % (address.length() + 1);
                    return address.substring(0, i) + poison + address.substring(i);
                });
        Arbitrary<String> tooLong = Combinators.combine(Arbitraries.integers().between(1, 64),
                Arbitraries.integers().between(191, 253)).as((local, domain) -> "l".repeat(local) + "@" + hostName(domain))
                .filter(a -> a.length() > 254);
        Arbitrary<String> longLocal = Arbitraries.integers().between(65, 120).map(n -> "l".repeat(n) + "@example.net");
        Arbitrary<String> noise = Arbitraries.strings().all().ofMinLength(1).ofMaxLength(300);
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(5, poisoned), net.jqwik.api.Tuple.of(2, tooLong),
                net.jqwik.api.Tuple.of(1, longLocal), net.jqwik.api.Tuple.of(2, noise));
    }

    @Provide
    Arbitrary<String> validNames() {
        Arbitrary<String> ascii = Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789-")
                .ofMinLength(1).ofMaxLength(63).filter(l -> !l.startsWith("-") && !l.endsWith("-"));
        Arbitrary<String> unicode = Arbitraries.of("bücher", "日本語", "пример", "mañana", "ελληνικά", "xn--bcher-kva");
        Arbitrary<String> label = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(8, ascii), net.jqwik.api.Tuple.of(2, unicode));
        Arbitrary<String> joined = label.list().ofMinSize(1).ofMaxSize(4).map(l -> String.join(".", l));
        Arbitrary<String> longest = Arbitraries.integers().between(200, 243).map(OptionPropertiesTest::hostName);
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(8, joined), net.jqwik.api.Tuple.of(2, longest))
                .map(n -> n.length() > 243 ? n.substring(0, 200).replaceAll("[.-]+$", "") : n)
                .map(n -> Math.random() < 0.2 ? n + "." : n);
    }

    @Provide
    Arbitrary<String> validDomains() {
        return validNames().map(n -> n.endsWith(".") ? n.substring(0, n.length() - 1) : n)
                .map(n -> (n.length() > 200 ? n.substring(0, 200).replaceAll("[.-]+$", "") : n) + "." + ZONE_APEX);
    }

    @Provide
    Arbitrary<String> validAddresses() {
        Arbitrary<String> atom = Arbitraries.strings().withChars("abcXYZ019!#$%&'*+/=?^_`{|}~-").ofMinLength(1)
                .ofMaxLength(20);
        Arbitrary<String> local = atom.list().ofMinSize(1).ofMaxSize(4).map(l -> String.join(".", l))
                .map(l -> l.length() > 64 ? l.substring(0, 64).replaceAll("\\.+$", "") : l);
        return Combinators.combine(local, Arbitraries.integers().between(1, 189))
                .as((l, d) -> l + "@" + hostName(Math.min(d, 254 - l.length() - 1)));
    }

    /** A valid host name of exactly {@code length} characters. */
    static String hostName(int length) {
        StringBuilder name = new StringBuilder();
        int remaining = length;
        while (remaining > 63) {
            int label = remaining == 64 ? 62 : 63;
            name.append("a".repeat(label)).append('.');
            remaining -= label + 1;
        }
        return name.append("b".repeat(remaining)).toString();
    }
}
