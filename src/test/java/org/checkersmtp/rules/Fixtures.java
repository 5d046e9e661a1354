package org.checkersmtp.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.checkersmtp.i18n.Catalogue;
import org.checkersmtp.i18n.Text;
import org.checkersmtp.observation.AddressResolution;
import org.checkersmtp.observation.CertificateSummary;
import org.checkersmtp.observation.Connect;
import org.checkersmtp.observation.ConnectFailure;
import org.checkersmtp.observation.Coverage;
import org.checkersmtp.observation.EndReason;
import org.checkersmtp.observation.EndpointProbe;
import org.checkersmtp.observation.Extension;
import org.checkersmtp.observation.Greeting;
import org.checkersmtp.observation.IpFamily;
import org.checkersmtp.observation.MxLookup;
import org.checkersmtp.observation.MxRecord;
import org.checkersmtp.observation.OptionalProbe;
import org.checkersmtp.observation.ProbeSettings;
import org.checkersmtp.observation.Reply;
import org.checkersmtp.observation.Phase;
import org.checkersmtp.observation.ReverseDns;
import org.checkersmtp.observation.SessionEnd;
import org.checkersmtp.observation.SmtpObservation;
import org.checkersmtp.observation.StartTls;
import org.checkersmtp.observation.Transaction;
import org.checkersmtp.observation.TransactionKind;

/**
 * Observation fixtures for rule tests: a well-configured endpoint by default, with one thing changed
 * per test ({@code endpoint().mailReply(NULL_SENDER, "550 5.7.1 no")}).
 */
final class Fixtures {

    static final String DOMAIN = "example.com";

    private Fixtures() {}

    static Reply reply(String line) {
        int code = Integer.parseInt(line.substring(0, 3));
        String text = line.length() > 4 ? line.substring(4) : "";
        String enhanced = text.matches("[245]\\.\\d+\\.\\d+( .*)?") ? text.split(" ")[0] : null;
        return new Reply(code, enhanced, List.of(text));
    }

    static List<Extension> extensions(String... names) {
        return Arrays.stream(names).map(n -> {
            String[] words = n.split(" ");
            return new Extension(words[0], List.of(words).subList(1, words.length));
        }).toList();
    }

    static EndpointBuilder endpoint() {
        return new EndpointBuilder("mx1.example.com", "192.0.2.25");
    }

    static EndpointBuilder endpoint(String target, String address) {
        return new EndpointBuilder(target, address);
    }

    /** An observation whose MX records are the endpoints' targets. */
    static SmtpObservation observation(EndpointProbe... endpoints) {
        return observation(settingsWithout(), endpoints);
    }

    static SmtpObservation observation(ProbeSettings settings, EndpointProbe... endpoints) {
        Map<String, MxRecord> records = new LinkedHashMap<>();
        int v4 = 0;
        int v6 = 0;
        int v4ok = 0;
        int v6ok = 0;
        for (EndpointProbe e : endpoints) {
            MxRecord r = records.get(e.target());
            List<String> ipv4 = new ArrayList<>(r == null ? List.of() : r.ipv4());
            List<String> ipv6 = new ArrayList<>(r == null ? List.of() : r.ipv6());
            if (e.family() == IpFamily.IPV6) {
                ipv6.add(e.address());
                v6++;
                v6ok += e.connected() ? 1 : 0;
            } else {
                ipv4.add(e.address());
                v4++;
                v4ok += e.connected() ? 1 : 0;
            }
            records.put(e.target(), new MxRecord(e.preference(), e.target(), ipv4, ipv6, false, List.of(),
                    AddressResolution.OK, null));
        }
        return new SmtpObservation(DOMAIN, Instant.parse("2026-11-24T12:00:00Z"),
                new MxLookup(new ArrayList<>(records.values()), null, false, false, false,
                        records.values().stream().map(r -> DOMAIN + ". 300 IN MX " + r.preference() + " "
                                + r.target() + ".").toList()),
                List.of(endpoints), new Coverage(v4, v6, v4ok, v6ok, 0), SmtpObservation.SCHEMA_VERSION, settings,
                100, null);
    }

    static SmtpObservation withMx(MxLookup mx) {
        return new SmtpObservation(DOMAIN, Instant.parse("2026-11-24T12:00:00Z"), mx, List.of(), Coverage.EMPTY,
                SmtpObservation.SCHEMA_VERSION, settingsWithout(), 10, null);
    }

    static SmtpObservation dnsFailure() {
        return withMx(MxLookup.failed("MX lookup for example.com failed: 127.0.0.1:53 answered SERVFAIL"));
    }

    static SmtpObservation nullMx() {
        return withMx(new MxLookup(List.of(), null, true, false, false, List.of("example.com. 300 IN MX 0 .")));
    }

    /** The default settings with the given optional probes turned off. */
    static ProbeSettings settingsWithout(OptionalProbe... off) {
        Set<OptionalProbe> made = EnumSet.allOf(OptionalProbe.class);
        made.removeAll(List.of(off));
        return new ProbeSettings("mx-checker.happydomain.org", 12000, 12000, made,
                "postmaster@example.com", "postmaster@example.net", "postmaster@example.net");
    }

    /** The codes the rule tests' observations produced, for {@link RuleTestsReachEveryCodeTest}. */
    static final Set<String> PRODUCED = ConcurrentHashMap.newKeySet();

    /**
     * Every state names its rule's declared codes; non-OK findings carry evidence, a fix and a command; and it
     * reads in every language of the catalogue ({@link #assertSaidInEveryLanguage}).
     */
    static void assertWellFormed(Rule rule, List<CheckState> states) {
        assertThat(states).isNotEmpty();
        List<String> declared = rule.codes().stream().map(RuleCode::code).toList();
        for (CheckState s : states) {
            assertThat(declared).as("declared codes of %s", rule.name()).contains(s.code());
            RuleCode code = rule.codes().stream().filter(c -> c.code().equals(s.code())).findFirst().orElseThrow();
            assertThat(s.status()).as("status of %s", s.code()).isEqualTo(code.severity());
            assertThat(s.subject()).isNotBlank();
            assertThat(s.message()).isNotBlank();
            if (s.status() == org.checkersmtp.rules.Status.CRIT || s.status() == org.checkersmtp.rules.Status.WARN) {
                assertThat(s.meta()).as("meta of %s", s.code()).containsKeys(States.EVIDENCE, States.FIX,
                        States.REPRODUCE);
            }
            assertSaidInEveryLanguage(s);
            PRODUCED.add(s.code());
        }
    }

    private static final Pattern PARAMETER = Pattern.compile("\\{[A-Za-z][A-Za-z0-9]*}");

    /**
     * The state's message is its text said in English, and the text is said in every other language of the
     * catalogue: each template it uses (its own and its clauses') is in that language's file, every parameter
     * they name is given (filling would throw), nothing is left of a template's {@code {name}}, and the message
     * differs from the English one wherever one of those templates does; so does the fix.
     */
    static void assertSaidInEveryLanguage(CheckState s) {
        Catalogue catalogue = Catalogue.classpath();
        assertThat(s.text()).as("text of %s", s.code()).isNotNull();
        assertThat(s.text().in(catalogue, Locale.ENGLISH)).as("message of %s", s.code()).isEqualTo(s.message());
        List<String> keys = keys(s.text());
        for (Locale language : Catalogue.languages()) {
            if (language.equals(Locale.ENGLISH)) {
                continue;
            }
            for (String key : keys) {
                assertThat(TRANSLATED.get(language).containsKey(key)).as("%s in %s (state %s)", key, language,
                        s.code()).isTrue();
            }
            CheckState said = s.in(catalogue, language);
            if (!PARAMETER.matcher(s.message()).find()) {
                assertThat(said.message()).as("%s in %s", s.code(), language).doesNotContainPattern(PARAMETER);
            }
            if (keys.stream().anyMatch(k -> !catalogue.template(k, language).equals(catalogue.template(k,
                    Locale.ENGLISH)))) {
                assertThat(said.message()).as("%s in %s", s.code(), language).isNotEqualTo(s.message());
            }
            String fixKey = s.code() + ".fix";
            if (s.metaString(States.FIX) != null
                    && !catalogue.template(fixKey, language).equals(catalogue.template(fixKey, Locale.ENGLISH))) {
                assertThat(said.metaString(States.FIX)).as("fix of %s in %s", s.code(), language)
                        .isNotEqualTo(s.metaString(States.FIX));
            }
        }
    }

    /** The state's message in French. */
    static String inFrench(CheckState s) {
        return s.in(Catalogue.classpath(), Locale.FRENCH).message();
    }

    /** The keys of each translation's own file (the catalogue falls back to English for a missing one). */
    private static final Map<Locale, Properties> TRANSLATED = translations();

    private static Map<Locale, Properties> translations() {
        Map<Locale, Properties> files = new LinkedHashMap<>();
        for (Locale language : Catalogue.languages()) {
            Properties p = new Properties();
            String file = "/" + Catalogue.BASENAME + "_" + language.toLanguageTag().replace('-', '_') + ".properties";
            try (InputStream in = Fixtures.class.getResourceAsStream(file)) {
                if (in != null) {
                    p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            files.put(language, p);
        }
        return files;
    }

    /** The templates a text uses: its own key and its clauses', a list's separator for a list. */
    private static List<String> keys(Text text) {
        List<String> keys = new ArrayList<>();
        keys.add(text.key().isEmpty() ? "list.separator" : text.key());
        text.parameters().values().forEach(v -> {
            if (v instanceof Text clause) {
                keys.addAll(keys(clause));
            }
        });
        return keys;
    }

    /**
     * The states {@code rule} gives on {@code obs}, run as the service runs it: by the evaluator, after every
     * rule ordered before it (whose verdicts it may read), stamped with its name; checked well formed.
     */
    static List<CheckState> judge(Rule rule, SmtpObservation obs) {
        return judge(rule, obs, RuleContext.EMPTY);
    }

    /** The states {@code rule} gives on an observation of this one endpoint. */
    static List<CheckState> judge(Rule rule, EndpointProbe endpoint) {
        return judge(rule, observation(endpoint));
    }

    static List<CheckState> judge(Rule rule, SmtpObservation obs, RuleContext context) {
        List<Rule> rules = new ArrayList<>(AllRules.before(rule));
        rules.add(rule);
        List<CheckState> states = new RuleEvaluator(rules).evaluate(obs, context, null).stream()
                .filter(s -> rule.name().equals(s.rule())).toList();
        assertWellFormed(rule, states);
        return states;
    }

    static CheckState only(List<CheckState> states) {
        assertThat(states).hasSize(1);
        return states.get(0);
    }

    /** A mutable endpoint, well configured until told otherwise. */
    static final class EndpointBuilder {
        private final String target;
        private final String address;
        private Connect connect = new Connect(true, null, null, 15);
        private Greeting greeting = new Greeting(reply("220 mx1.example.com ESMTP Postfix"), 20, 20);
        private Reply ehlo = new Reply(250, null, List.of("mx1.example.com", "PIPELINING", "SIZE 10240000",
                "STARTTLS", "ENHANCEDSTATUSCODES", "8BITMIME"));
        private Reply helo;
        private List<Extension> extensions = Fixtures.extensions("PIPELINING", "SIZE 10240000", "STARTTLS",
                "ENHANCEDSTATUSCODES", "8BITMIME");
        private StartTls starttls = new StartTls(reply("220 2.0.0 Ready to start TLS"), true, null, "TLSv1.3",
                "TLS_AES_256_GCM_SHA384", 30, new CertificateSummary("CN=mx1.example.com", "CN=R11,O=Let's Encrypt",
                        List.of("DNS:mx1.example.com"), Instant.parse("2026-10-01T00:00:00Z"),
                        Instant.parse("2026-12-30T00:00:00Z"), "1a", "00", "EC 256", 2),
                reply("250 mx1.example.com"), Fixtures.extensions("PIPELINING", "SIZE 10240000", "ENHANCEDSTATUSCODES",
                        "8BITMIME", "SMTPUTF8", "CHUNKING"), false);
        private final Map<TransactionKind, Transaction> transactions = new LinkedHashMap<>();
        private ReverseDns reverse;
        private SessionEnd end = new SessionEnd(EndReason.COMPLETED, Phase.QUIT, null);
        private IpFamily family = IpFamily.IPV4;
        private int preference = 10;

        EndpointBuilder(String target, String address) {
            this.target = target;
            this.address = address;
            this.family = address.contains(":") ? IpFamily.IPV6 : IpFamily.IPV4;
            this.reverse = new ReverseDns(List.of(target), null, true, target, List.of(target + " -> " + address));
            transactions.put(TransactionKind.NULL_SENDER, new Transaction(TransactionKind.NULL_SENDER, "",
                    "postmaster@example.com", true, true, reply("250 2.1.0 Ok"), reply("250 2.1.5 Ok"),
                    reply("250 2.0.0 Ok"), null));
            transactions.put(TransactionKind.OPEN_RELAY, new Transaction(TransactionKind.OPEN_RELAY,
                    "postmaster@example.net", "postmaster@example.net", true, true, reply("250 2.1.0 Ok"),
                    reply("554 5.7.1 <postmaster@example.net>: Relay access denied"), reply("250 2.0.0 Ok"), null));
        }

        EndpointBuilder connectFailed(ConnectFailure failure, String error) {
            connect = new Connect(false, failure, failure.name().toLowerCase() + ": " + error, 3000);
            greeting = null;
            ehlo = null;
            extensions = List.of();
            starttls = null;
            transactions.clear();
            end = new SessionEnd(failure == ConnectFailure.POLICY ? EndReason.POLICY_REFUSED
                    : EndReason.CONNECT_FAILED, Phase.CONNECT, connect.error());
            return this;
        }

        /** The session stopped at this phase with this reason: nothing after it exists. */
        EndpointBuilder endedAt(String phase, EndReason reason, String detail) {
            end = new SessionEnd(reason, Phase.valueOf(phase.toUpperCase(java.util.Locale.ROOT)), detail);
            List<String> order = List.of("greeting", "ehlo", "starttls", "mail");
            int at = order.indexOf(phase);
            if (at <= 0) {
                greeting = null;
            }
            if (at <= 1) {
                ehlo = null;
                extensions = List.of();
            }
            if (at <= 2) {
                starttls = null;
            }
            if (at <= 3) {
                transactions.clear();
            }
            return this;
        }

        EndpointBuilder greeting(String line) {
            greeting = new Greeting(reply(line), 20, 20);
            if (!line.startsWith("220")) {
                ehlo = null;
                extensions = List.of();
                starttls = null;
                transactions.clear();
                end = new SessionEnd(EndReason.GREETING_REFUSED, Phase.GREETING, line);
            }
            return this;
        }

        EndpointBuilder preference(int value) {
            preference = value;
            return this;
        }

        /** The host name the server gives in its greeting and as the first line of its EHLO reply. */
        EndpointBuilder answersAs(String host, String software) {
            greeting = new Greeting(reply("220 " + host + " ESMTP " + software), 20, 20);
            List<String> lines = new ArrayList<>(ehlo.lines());
            lines.set(0, host);
            ehlo = new Reply(ehlo.code(), ehlo.enhanced(), lines);
            return this;
        }

        EndpointBuilder greetPause(long ms) {
            greeting = new Greeting(greeting.reply(), 20, ms);
            return this;
        }

        EndpointBuilder ehloRefused(String ehloLine, String heloLine) {
            ehlo = reply(ehloLine);
            helo = heloLine == null ? null : reply(heloLine);
            extensions = List.of();
            starttls = null;
            return this;
        }

        EndpointBuilder extensions(String... names) {
            this.extensions = Fixtures.extensions(names);
            if (Arrays.stream(names).noneMatch(n -> n.equalsIgnoreCase("STARTTLS"))) {
                starttls = null;
            }
            return this;
        }

        EndpointBuilder tlsExtensions(String... names) {
            starttls = starttls.withEhlo(starttls.ehlo(), Fixtures.extensions(names));
            return this;
        }

        EndpointBuilder starttlsRefused(String line) {
            starttls = StartTls.refused(reply(line));
            return this;
        }

        EndpointBuilder handshakeFailed(String error) {
            starttls = StartTls.handshakeFailed(reply("220 2.0.0 Ready to start TLS"), error, true);
            return this;
        }

        EndpointBuilder transaction(TransactionKind kind, String from, String to, String mail, String rcpt) {
            transactions.put(kind, new Transaction(kind, from, rcpt == null ? null : to, true, true, reply(mail),
                    rcpt == null ? null : reply(rcpt), reply("250 2.0.0 Ok"), null));
            return this;
        }

        EndpointBuilder nullSender(String mail, String rcpt) {
            return transaction(TransactionKind.NULL_SENDER, "", "postmaster@example.com", mail, rcpt);
        }

        EndpointBuilder postmaster(String mail, String rcpt) {
            return transaction(TransactionKind.POSTMASTER, "postmaster@mx-checker.happydomain.org",
                    "postmaster@example.com", mail, rcpt);
        }

        EndpointBuilder relay(String mail, String rcpt) {
            return transaction(TransactionKind.OPEN_RELAY, "postmaster@example.net", "postmaster@example.net", mail,
                    rcpt);
        }

        EndpointBuilder noTransactions() {
            transactions.clear();
            return this;
        }

        EndpointBuilder reverse(ReverseDns r) {
            reverse = r;
            return this;
        }

        EndpointProbe build() {
            return new EndpointProbe(target, preference, address, family, reverse, connect, greeting, ehlo, helo,
                    extensions, starttls, new ArrayList<>(transactions.values()),
                    connect.ok() ? reply("221 2.0.0 Bye") : null, List.of(), end, 500);
        }
    }
}
