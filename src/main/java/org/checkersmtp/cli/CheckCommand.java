package org.checkersmtp.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.checkersmtp.check.CheckPipeline;
import org.checkersmtp.check.CheckResult;
import org.checkersmtp.check.EntryPoint;
import org.checkersmtp.collect.CollectListener;
import org.checkersmtp.dns.DnsSettings;
import org.checkersmtp.i18n.Catalogue;
import org.checkersmtp.json.GoJson;
import org.checkersmtp.observation.OptionalProbe;
import org.checkersmtp.observation.SmtpObservation;
import org.checkersmtp.options.CheckOptions;
import org.checkersmtp.options.InvalidOptionException;
import org.checkersmtp.options.OptionCatalog;
import org.checkersmtp.options.OptionsParser;
import org.checkersmtp.rules.CheckState;
import org.checkersmtp.rules.RuleCode;
import org.checkersmtp.rules.RuleEvaluator;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.validation.FieldError;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code java -jar checker-smtp.jar check example.com}: the whole pipeline (collect, TLS sibling, rules)
 * without the web server, printed for a person or, with {@code --json}, for a program; its exit code and
 * first line follow the monitoring-plugins conventions ({@link PluginStatus}), so the same jar is an
 * Icinga/Nagios check. Options are validated by the API's {@link OptionsParser} before anything starts.
 */
@Command(name = "check", sortOptions = false, usageHelpAutoWidth = true,
        description = "Checks that DOMAIN can receive mail: its MX records, then every address of every MX host on "
                + "port 25 (banner, EHLO, STARTTLS, null sender, postmaster, open relay) and, unless turned off, "
                + "their TLS posture (certificate, versions, DANE, MTA-STS). Never sends DATA.",
        footer = {"", "Spring Boot properties may follow as --name=value (e.g. --checker.dns.timeout=5s); see "
                + "docs/configuration.md.",
                "Exit status: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN (invalid input, DNS failure, check failed)."})
public final class CheckCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DOMAIN", description = "The mail domain to check.")
    String domain;

    /** The parsed command line; each optional probe's --no-… flag is added to it from {@link OptionalProbe}. */
    @Spec
    CommandSpec spec;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "Deadline of one SMTP session (default "
            + CheckOptions.DEFAULT_TIMEOUT_SECONDS + "; capped by checker.probe.collect-timeout).")
    Double timeout;

    @Option(names = "--helo", paramLabel = "NAME",
            description = "Name announced in EHLO/HELO (default " + CheckOptions.DEFAULT_HELO_NAME + ").")
    String helo;

    @Option(names = "--probe-address", paramLabel = "ADDRESS", description = "Outside address of the open-relay "
            + "probe (default " + CheckOptions.DEFAULT_PROBE_ADDRESS + "); nothing is ever sent to it.")
    String probeAddress;

    @Option(names = "--no-tls-posture", description = "Do not examine certificates, TLS versions, DANE and MTA-STS.")
    boolean noTlsPosture;

    @Option(names = "--dns", paramLabel = "HOST:PORT",
            description = "Resolver to ask (repeatable; default: checker.dns.servers, else the system's).")
    List<String> dns = new ArrayList<>();

    @Option(names = "--via", paramLabel = "URL", description = "Ask the running instance at URL (POST /collect, "
            + "then /evaluate) instead of probing from here; its configuration applies, not --dns or --name=value.")
    String via;

    @Option(names = "--token", paramLabel = "TOKEN",
            description = "With --via: the instance's checker.api.token, sent as Authorization: Bearer.")
    String token;

    @Option(names = "--via-timeout", paramLabel = "SECONDS", defaultValue = "120",
            description = "With --via: the longest wait for the instance's answers, in all (default ${DEFAULT-VALUE}).")
    double viaTimeout;

    @Option(names = "--lang", paramLabel = "LANGUAGE", description = "Language of the report: "
            + "en, fr (default: that of LC_ALL / LANG; --json stays English).")
    String lang;

    @Option(names = "--json", description = "Print the observation and its states as JSON instead of the report.")
    boolean json;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    /** Where the command writes, what it knows of its terminal, and the reader's language. */
    record Console(PrintStream out, PrintStream err, boolean colour, Locale language) {

        /**
         * Colour only on a terminal, unless NO_COLOR is set (https://no-color.org) or TERM is dumb; the language
         * of LC_ALL, else LC_MESSAGES, else LANG (POSIX's order), when the catalogue has it; else English.
         */
        static Console of(PrintStream out, PrintStream err, boolean terminal, Map<String, String> env) {
            boolean colour = terminal && env.getOrDefault("NO_COLOR", "").isEmpty()
                    && !"dumb".equals(env.get("TERM"));
            String posix = Stream.of("LC_ALL", "LC_MESSAGES", "LANG").map(env::get)
                    .filter(v -> v != null && !v.isEmpty()).findFirst().orElse("");
            // "fr_FR.UTF-8@euro" names the language fr-FR; "C" and "POSIX" name none.
            String tag = posix.replaceAll("[.@].*", "").replace('_', '-');
            return new Console(out, err, colour, Catalogue.language(tag).orElse(Locale.ENGLISH));
        }
    }

    private final Console console;
    private final List<String> springArguments;

    private CheckCommand(Console console, List<String> springArguments) {
        this.console = console;
        this.springArguments = springArguments;
    }

    /**
     * Runs {@code check ARGS…} (the arguments after the word "check") and returns the exit code. Arguments
     * of the form --name.with.dots=value are Spring Boot properties and go to the application context.
     */
    public static int run(String[] args, Console console) {
        List<String> own = new ArrayList<>();
        List<String> spring = new ArrayList<>();
        for (String arg : args) {
            (isProperty(arg) ? spring : own).add(arg);
        }
        CheckCommand command = new CheckCommand(console, spring);
        CommandLine cli = new CommandLine(command);
        for (OptionalProbe probe : OptionalProbe.values()) {
            cli.getCommandSpec().addOption(OptionSpec.builder(turnOff(probe)).type(boolean.class)
                    .description("Turn this probe off: " + Catalogue.classpath().text(
                            OptionCatalog.descriptionKey(probe.option()), Locale.ENGLISH)).build());
        }
        cli
                .setOut(new java.io.PrintWriter(console.out(), true, StandardCharsets.UTF_8))
                .setErr(new java.io.PrintWriter(console.err(), true, StandardCharsets.UTF_8))
                .setParameterExceptionHandler((e, rest) -> {
                    console.out().println(TerminalReport.statusLine(PluginStatus.UNKNOWN, e.getMessage()));
                    e.getCommandLine().usage(console.err());
                    return PluginStatus.UNKNOWN.exitCode();
                })
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    console.out().println(TerminalReport.statusLine(PluginStatus.UNKNOWN, "check failed: " + e));
                    return PluginStatus.UNKNOWN.exitCode();
                });
        return cli.execute(own.toArray(new String[0]));
    }

    /** The real process: stdout for the report only (Spring's log lines go to stderr). */
    public static int main(String[] args) {
        PrintStream stdout = System.out;
        System.setOut(System.err);
        return run(args, Console.of(stdout, System.err, System.console() != null, System.getenv()));
    }

    private static boolean isProperty(String arg) {
        int equals = arg.indexOf('=');
        return arg.startsWith("--") && equals > 2 && arg.substring(2, equals).contains(".");
    }

    @Override
    public Integer call() {
        if (lang != null && Catalogue.language(lang).isEmpty()) {
            return unknown("invalid --lang: \"" + lang + "\" is not one of the report's languages ("
                    + String.join(", ", Catalogue.languages().stream().map(Locale::toLanguageTag).toList()) + ")");
        }
        CheckOptions options;
        try {
            options = OptionsParser.parse(runOptions());
            dns.forEach(DnsSettings::server);
        } catch (InvalidOptionException e) {
            return unknown("invalid " + cliName(e.option()) + ": " + e.reason());
        } catch (IllegalArgumentException e) {
            return unknown("invalid --dns: " + e.getMessage());
        }
        if (via != null) {
            return viaInstance(options);
        }
        if (token != null) {
            return unknown("--token goes with --via");
        }
        List<String> properties = new ArrayList<>(springArguments);
        if (!dns.isEmpty()) {
            properties.add("--checker.dns.servers=" + String.join(",", dns));
        }
        ConfigurableApplicationContext context;
        try {
            context = startContext(properties);
        } catch (RuntimeException e) {
            return unknown("cannot start: " + startFailure(e));
        }
        try (context) {
            CheckPipeline pipeline;
            try {
                pipeline = context.getBean(CheckPipeline.class); // lazy beans: their properties are bound here
            } catch (RuntimeException e) {
                return unknown("cannot start: " + startFailure(e));
            }
            long start = System.nanoTime(); // the check's time, as perfdata reports it: not the JVM's start-up
            CheckResult result = pipeline.check(options, !noTlsPosture, EntryPoint.CLI, CollectListener.NONE);
            return print(result, Duration.ofNanos(System.nanoTime() - start),
                    () -> context.getBean(RuleEvaluator.class).codes());
        }
    }

    /** The check made by the instance at --via: the same report, exit code and perfdata (its time: both requests). */
    private int viaInstance(CheckOptions validated) {
        if (!dns.isEmpty() || !springArguments.isEmpty()) {
            return unknown("--dns and --name=value configure a check made here; with --via the instance's "
                    + "configuration applies");
        }
        if (!(viaTimeout > 0) || viaTimeout > 3600) {
            return unknown("invalid --via-timeout: must be a number of seconds above 0 and at most 3600");
        }
        InstanceClient instance;
        try {
            instance = InstanceClient.of(via, token, Duration.ofMillis(Math.round(viaTimeout * 1000)),
                    json ? Locale.ENGLISH : language());
        } catch (IllegalArgumentException e) {
            return unknown("invalid --via: " + e.getMessage());
        }
        Map<String, Object> options = runOptions();
        options.put(OptionsParser.DOMAIN, validated.domain()); // as validated: IDN in A-labels, no trailing dot
        options.put(OptionsParser.TLS_POSTURE, !noTlsPosture);
        long start = System.nanoTime();
        CheckResult result;
        try {
            result = instance.check(options);
        } catch (InstanceClient.InstanceFailure e) {
            return unknown("--via " + via + ": " + e.getMessage());
        }
        return print(result, Duration.ofNanos(System.nanoTime() - start), CheckCommand::declaredCodes);
    }

    /** The codes this jar's rules declare, without the pipeline (with --via the instance evaluated). */
    private static List<RuleCode> declaredCodes() {
        try (AnnotationConfigApplicationContext rules =
                     new AnnotationConfigApplicationContext(RuleEvaluator.class.getPackageName())) {
            return rules.getBean(RuleEvaluator.class).codes();
        }
    }

    /** The declared codes are asked for by the terminal report alone (which lead "What to fix"): --json, with --via too, starts no rules context for them. */
    private int print(CheckResult result, Duration took, Supplier<List<RuleCode>> codes) {
        PluginStatus status = PluginStatus.of(result);
        if (json) {
            console.out().writeBytes(GoJson.encode(JsonReport.of(result)));
        } else {
            Locale language = language();
            CheckResult read = new CheckResult(result.observation(), result.related(),
                    result.states().stream().map(s -> s.in(Catalogue.classpath(), language)).toList());
            console.out().print(TerminalReport.render(read, took, console.colour(), codes.get(), language));
        }
        console.out().flush();
        return status.exitCode();
    }

    /** The report's language: --lang (validated first), else the console's. */
    private Locale language() {
        return lang == null ? console.language() : Catalogue.language(lang).orElseThrow();
    }

    /** The command line's context: {@link CommandLineConfiguration}, each bean made when a check first needs it. */
    static ConfigurableApplicationContext startContext(List<String> properties) {
        return new SpringApplicationBuilder(CommandLineConfiguration.class).web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF).logStartupInfo(false).properties("logging.level.root=WARN")
                .lazyInitialization(true) // so a run with --no-tls-posture never makes the TLS sibling
                .run(properties.toArray(new String[0]));
    }

    /**
     * Why the context did not start, on one line: the properties that failed validation and why ("checker.
     * probe.max-parallel: must be greater than or equal to 1"), else the innermost message (Spring's full
     * report is on stderr).
     */
    static String startFailure(Throwable e) {
        Throwable bind = null;
        Throwable innermost = e;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindValidationException invalid) {
                return invalid.getValidationErrors().getAllErrors().stream().map(error -> error instanceof FieldError f
                        ? invalid.getValidationErrors().getName() + "." + f.getField() + ": " + f.getDefaultMessage()
                                + " (got " + f.getRejectedValue() + ")"
                        : error.getDefaultMessage()).collect(Collectors.joining("; "));
            }
            if (bind == null && t instanceof BindException) {
                bind = t; // the outermost names the property; a validation failure inside says more
            }
            innermost = t;
        }
        for (Throwable t = bind; t != null; t = t.getCause()) {
            if (String.valueOf(t.getMessage()).startsWith(((BindException) bind).getName() + ".")) {
                return t.getMessage(); // our own check of a property: it names the property and the reason
            }
        }
        Throwable told = bind != null ? bind : innermost;
        return String.valueOf(told.getMessage()).lines().findFirst().orElse(told.toString());
    }

    /** The options as the API takes them, so that one parser validates both. */
    private Map<String, Object> runOptions() {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put(OptionsParser.DOMAIN, domain);
        if (timeout != null) {
            options.put(OptionsParser.TIMEOUT, timeout);
        }
        if (helo != null) {
            options.put(OptionsParser.HELO_NAME, helo);
        }
        if (probeAddress != null) {
            options.put(OptionsParser.TEST_PROBE_ADDRESS, probeAddress);
        }
        for (OptionalProbe probe : OptionalProbe.values()) {
            options.put(probe.option(), !spec.commandLine().getParseResult().hasMatchedOption(turnOff(probe)));
        }
        return options;
    }

    /** The flag that turns an optional probe off: test_null_sender is --no-null-sender. */
    static String turnOff(OptionalProbe probe) {
        return "--no-" + probe.option().replaceFirst("^test_", "").replace('_', '-');
    }

    /** The parser names the API's option; a person typed the command line's. */
    private static String cliName(String option) {
        return switch (option) {
            case OptionsParser.DOMAIN -> "DOMAIN";
            case OptionsParser.TIMEOUT -> "--timeout";
            case OptionsParser.HELO_NAME -> "--helo";
            case OptionsParser.TEST_PROBE_ADDRESS -> "--probe-address";
            default -> option;
        };
    }

    private int unknown(String summary) {
        console.out().println(TerminalReport.statusLine(PluginStatus.UNKNOWN, summary));
        return PluginStatus.UNKNOWN.exitCode();
    }

    /** What --json prints: the plugin status, the observation (docs/observation.md) and every state. */
    public record JsonReport(@JsonInclude(JsonInclude.Include.ALWAYS) PluginStatus status,
                             @JsonProperty("exit_code") @JsonInclude(JsonInclude.Include.ALWAYS) int exitCode,
                             SmtpObservation observation, List<CheckState> states) {

        /** Also the shape of a stored result's JSON (/r/{id}.json): one writer for both. */
        public static JsonReport of(CheckResult result) {
            PluginStatus status = PluginStatus.of(result);
            return new JsonReport(status, status.exitCode(), result.observation(), result.states());
        }
    }
}
