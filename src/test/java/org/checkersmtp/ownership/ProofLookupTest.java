package org.checkersmtp.ownership;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.checkersmtp.i18n.Catalogue;
import org.checkersmtp.testsupport.TestCollectors;
import org.checkersmtp.testsupport.ZoneDnsServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The TXT lookup of a proof against a scripted DNS server: the token found (among other records, or split
 * in several strings), a name without it or without the name at all is "absent" (what drops a proof), and
 * whatever tells nothing — no answer, SERVFAIL, a truncated answer, one too big — is "failed" (what keeps
 * it), within the lookup's deadline and never over TCP.
 */
class ProofLookupTest {

    private static final String TOKEN = "0123456789abcdef0123456789abcdef";
    private static ZoneDnsServer dns;

    @BeforeAll
    static void start() {
        String big = IntStream.range(0, 12).mapToObj(i -> "_checker-smtp.big.test. 300 IN TXT \"" + "x".repeat(200) + i + "\"")
                .collect(Collectors.joining("\n"));
        dns = new ZoneDnsServer(String.join("\n",
                "_checker-smtp.good.test. 300 IN TXT \"v=spf1 -all\"",
                "_checker-smtp.good.test. 300 IN TXT \"checker-smtp-verification=" + TOKEN + "\"",
                "_checker-smtp.split.test. 300 IN TXT \"checker-smtp-verification=\" \"" + TOKEN + "\"",
                "_checker-smtp.other.test. 300 IN TXT \"checker-smtp-verification=ffffffffffffffffffffffffffffffff\"",
                "empty.test. 300 IN A 192.0.2.1",
                "_checker-smtp.dropped.test. 300 IN TXT \"x\"",
                "_checker-smtp.broken.test. 300 IN TXT \"x\"",
                "_checker-smtp.cut.test. 300 IN TXT \"x\"",
                big));
        dns.misbehave("_checker-smtp.dropped.test.", ZoneDnsServer.Misbehaviour.DROP);
        dns.misbehave("_checker-smtp.broken.test.", ZoneDnsServer.Misbehaviour.SERVFAIL);
        dns.misbehave("_checker-smtp.cut.test.", ZoneDnsServer.Misbehaviour.TRUNCATE);
    }

    @AfterAll
    static void stop() {
        dns.close();
    }

    private static ProofLookup lookup() {
        return new ProofLookup(TestCollectors.properties(dns.address(), 25, Duration.ofSeconds(90)),
                new OwnershipProperties(new OwnershipProperties.Targets(true, false),
                        new OwnershipProperties.Ownership(Duration.ofDays(7), Duration.ofSeconds(1), 50)));
    }

    @Test
    void theTokenIsFound_amongOtherRecords_orSplitInStrings() {
        assertThat(lookup().find("good.test", TOKEN).outcome()).isEqualTo(ProofLookup.Outcome.FOUND);
        assertThat(lookup().find("split.test", TOKEN).outcome()).isEqualTo(ProofLookup.Outcome.FOUND);
    }

    @Test
    void anotherToken_noRecord_orNoName_isAbsent() {
        ProofLookup.Result other = lookup().find("other.test", TOKEN);
        assertThat(other.outcome()).isEqualTo(ProofLookup.Outcome.ABSENT);
        assertThat(other.reason().inEnglish())
                .isEqualTo("no TXT record \"checker-smtp-verification=" + TOKEN + "\" at _checker-smtp.other.test");
        assertThat(other.reason().in(Catalogue.classpath(), Locale.FRENCH)).isEqualTo("aucun enregistrement TXT "
                + "«\u00a0checker-smtp-verification=" + TOKEN + "\u00a0» à _checker-smtp.other.test");
        ProofLookup.Result nowhere = lookup().find("nowhere.test", TOKEN);
        assertThat(nowhere.outcome()).isEqualTo(ProofLookup.Outcome.ABSENT);
        assertThat(nowhere.reason().inEnglish()).isEqualTo("there is no _checker-smtp.nowhere.test");
        assertThat(nowhere.reason().in(Catalogue.classpath(), Locale.FRENCH))
                .isEqualTo("le nom _checker-smtp.nowhere.test n'existe pas");
        assertThat(lookup().find("good.test", "ffffffffffffffffffffffffffffffff").outcome())
                .isEqualTo(ProofLookup.Outcome.ABSENT);
    }

    @Test
    void whatTellsNothingFails_withinTheDeadline_andNeverOverTcp() {
        long started = System.nanoTime();
        assertThat(lookup().find("dropped.test", TOKEN).outcome()).isEqualTo(ProofLookup.Outcome.FAILED);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        ProofLookup.Result broken = lookup().find("broken.test", TOKEN);
        assertThat(broken.outcome()).isEqualTo(ProofLookup.Outcome.FAILED);
        assertThat(broken.reason().inEnglish()).isEqualTo("the resolver answered SERVFAIL");
        assertThat(broken.reason().in(Catalogue.classpath(), Locale.FRENCH)).isEqualTo("le résolveur a répondu SERVFAIL");
        ProofLookup.Result cut = lookup().find("cut.test", TOKEN);
        assertThat(cut.outcome()).isEqualTo(ProofLookup.Outcome.FAILED);
        assertThat(cut.reason().inEnglish()).isEqualTo("the TXT records at _checker-smtp.cut.test do not fit in 1232 bytes");
        assertThat(lookup().find("big.test", TOKEN).outcome()).isEqualTo(ProofLookup.Outcome.FAILED);
        assertThat(dns.tcpQueries()).isZero();
    }
}
