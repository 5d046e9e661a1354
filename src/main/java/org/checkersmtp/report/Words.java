package org.checkersmtp.report;

import java.text.DecimalFormat;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.text.DecimalFormatSymbols;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.checkersmtp.i18n.Catalogue;
import org.checkersmtp.observation.AddressResolution;
import org.checkersmtp.observation.ConnectFailure;
import org.checkersmtp.observation.DnssecStatus;
import org.checkersmtp.observation.EndReason;
import org.checkersmtp.observation.IpFamily;
import org.checkersmtp.observation.TlsFailure;
import org.checkersmtp.observation.TransactionKind;

/**
 * The report's words in one language, read from the catalogue once per language (report.*) and kept: the
 * observation's enum values as a person reads them (for the report and the live progress of /check), the
 * labels and sentences {@link ReportSections} writes, and numbers as the language writes them. A language
 * the catalogue lacks gets English, so the report never claims a language it is not in.
 */
public final class Words {

    private static final Map<Locale, Words> BY_LANGUAGE = new ConcurrentHashMap<>();

    private final Locale language;
    private final Catalogue catalogue;
    private final Map<EndReason, String> endings;
    private final Map<TransactionKind, String> probes;
    private final Map<ConnectFailure, String> connectFailures;
    private final Map<AddressResolution, String> resolutions;
    private final Map<DnssecStatus, String> dnssec;
    private final Map<TlsFailure, String> tlsFailures;
    /** report.number.pattern with the language's symbols; a DecimalFormat serves one thread at a time. */
    private final ThreadLocal<DecimalFormat> numbers;
    private final DateTimeFormatter time;

    private Words(Catalogue catalogue, Locale language) {
        this.catalogue = catalogue;
        this.language = language;
        this.endings = words(EndReason.class, "report.ending.");
        this.probes = words(TransactionKind.class, "report.probe.");
        this.connectFailures = words(ConnectFailure.class, "report.connect_failure.");
        this.resolutions = words(AddressResolution.class, "report.resolution.");
        this.dnssec = words(DnssecStatus.class, "report.dnssec.");
        this.tlsFailures = words(TlsFailure.class, "report.tls_failure.");
        String pattern = text("report.number.pattern");
        DecimalFormatSymbols symbols = DecimalFormatSymbols.getInstance(language);
        this.numbers = ThreadLocal.withInitial(() -> new DecimalFormat(pattern, symbols));
        this.time = DateTimeFormatter.ofPattern(text("report.time.pattern"), language).withZone(ZoneOffset.UTC);
    }

    /** The words of {@code language}'s catalogue file (English when it has none). */
    public static Words in(Locale language) {
        return BY_LANGUAGE.computeIfAbsent(Catalogue.language(language).orElse(Locale.ENGLISH), l -> new Words(Catalogue.classpath(), l));
    }

    public Locale language() {
        return language;
    }

    /** The same in every language. */
    public static String family(IpFamily family) {
        return family == null ? "" : family == IpFamily.IPV6 ? "IPv6" : "IPv4";
    }

    /** A transaction as the report names it: "Bounce acceptance (MAIL FROM:<>)". */
    public String probe(TransactionKind kind) {
        return kind == null ? "" : probes.get(kind);
    }

    /** How a session ended: "Completed", "Closed by the server", "Refused by policy"… */
    public String ending(EndReason reason) {
        return reason == null ? "" : endings.get(reason);
    }

    public String connectFailure(ConnectFailure failure) {
        return failure == null ? "" : connectFailures.get(failure);
    }

    public String resolution(AddressResolution resolution) {
        return resolution == null ? "" : resolutions.get(resolution);
    }

    public String dnssec(DnssecStatus status) {
        return status == null ? "" : dnssec.get(status);
    }

    public String tlsFailure(TlsFailure failure) {
        return failure == null ? "" : tlsFailures.get(failure);
    }

    /** A yes-or-no fact the examination may not have established: "yes", "no", "unknown". */
    public String yesNo(Boolean fact) {
        return text(fact == null ? "report.unknown" : fact ? "report.yes" : "report.no");
    }

    /** Whether a TLS version is still accepted: "accepted", "refused", "unknown". */
    public String acceptance(Boolean accepted) {
        return text(accepted == null ? "report.unknown" : accepted ? "report.tls.accepted" : "report.tls.refused");
    }

    /** A count or a duration in milliseconds, as the language writes it ("12 000" in French). */
    public String number(long n) {
        return numbers.get().format(n);
    }

    /** A time in UTC, as {@link Times} shows it. */
    String time(Instant instant) {
        return time.format(instant);
    }

    /** A sentence of the report with its parameters (names and values in turn), for the template's few. */
    public String say(String key, String... parameters) {
        return sentence(key).with(parameters);
    }

    /** A word of the report without parameters (ReportSections reads each once per language). */
    String text(String key) {
        return catalogue.text(key, language);
    }

    /** A sentence of the report with its parameters, read once and filled per use. */
    Sentence sentence(String key) {
        return new Sentence(key, catalogue.template(key, language));
    }

    private <E extends Enum<E>> Map<E, String> words(Class<E> type, String prefix) {
        Map<E, String> words = new EnumMap<>(type);
        for (E value : type.getEnumConstants()) {
            words.put(value, text(prefix + value.name().toLowerCase(Locale.ROOT)));
        }
        return words;
    }
}
