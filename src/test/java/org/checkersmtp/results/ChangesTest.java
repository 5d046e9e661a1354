package org.checkersmtp.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.checkersmtp.i18n.Catalogue;
import org.checkersmtp.observation.AddressResolution;
import org.checkersmtp.observation.CertificateSummary;
import org.checkersmtp.observation.EndpointProbe;
import org.checkersmtp.observation.Extension;
import org.checkersmtp.observation.Greeting;
import org.checkersmtp.observation.MxLookup;
import org.checkersmtp.observation.MxRecord;
import org.checkersmtp.observation.Reply;
import org.checkersmtp.observation.SmtpObservation;
import org.checkersmtp.observation.StartTls;
import org.checkersmtp.options.CheckOptions;
import org.checkersmtp.rules.CheckState;
import org.checkersmtp.rules.RuleCode;
import org.checkersmtp.rules.States;
import org.checkersmtp.rules.Status;
import org.checkersmtp.testsupport.SampleObservations;
import org.junit.jupiter.api.Test;

/** {@link Changes}: each kind of difference named once, and nothing when nothing changed; in English and French. */
class ChangesTest {

    private static List<String> changes(StoredResult before, StoredResult after) {
        return in(Locale.ENGLISH, before, after);
    }

    private static List<String> in(Locale language, StoredResult before, StoredResult after) {
        return Changes.between(before, after).stream().map(c -> c.in(Catalogue.classpath(), language)).toList();
    }

    private static final SmtpObservation BASE = SampleObservations.oneGoodEndpoint();
    private static final CheckState STARTTLS_OK = state(Status.OK, "smtp.starttls_ok", "STARTTLS works");
    private static final CheckState RELAY = state(Status.CRIT, "smtp.open_relay", "relays for anyone");

    private static CheckState state(Status status, String code, String message) {
        return new CheckState(status, message, code, code, "mx1.example.com/192.0.2.25", Map.of());
    }

    private static StoredResult result(SmtpObservation observation, CheckState... states) {
        return new StoredResult("AAAAAAAAAAAAAAAAAAAAAA", "alice", CheckOptions.defaults("example.com"), 0,
                Visibility.PRIVATE, observation, List.of(states));
    }

    private static SmtpObservation withEndpoint(EndpointProbe e) {
        return new SmtpObservation(BASE.domain(), BASE.runAt(), BASE.mx(), List.of(e), BASE.coverage(),
                BASE.schemaVersion(), BASE.probe(), BASE.durationMs(), null, null);
    }

    private static SmtpObservation withMx(MxRecord... records) {
        return new SmtpObservation(BASE.domain(), BASE.runAt(), new MxLookup(List.of(records), null, false, false,
                false, List.of()), BASE.endpoints(), BASE.coverage(), BASE.schemaVersion(), BASE.probe(),
                BASE.durationMs(), null, null);
    }

    private static EndpointProbe endpoint(Greeting greeting, List<Extension> extensions, StartTls starttls) {
        EndpointProbe e = BASE.endpoints().get(0);
        return new EndpointProbe(e.target(), e.preference(), e.address(), e.family(), e.reverseDns(), e.connect(),
                greeting, e.ehlo(), e.helo(), extensions, starttls, e.transactions(), e.quit(), e.transcript(),
                e.end(), e.durationMs());
    }

    private static StartTls tls(String sha256, String notAfter) {
        return StartTls.negotiated(new Reply(220, null, List.of("go ahead")), "TLSv1.3", "TLS_AES_128_GCM_SHA256", 5,
                new CertificateSummary("CN=mx1", "CN=ca", List.of("mx1.example.com"), Instant.parse("2026-01-01T00:00:00Z"),
                        Instant.parse(notAfter), "01", sha256, "EC", 2));
    }

    private static MxRecord mx(int preference, String host, String... ipv4) {
        return new MxRecord(preference, host, List.of(ipv4), List.of(), false, List.of(), AddressResolution.OK, null);
    }

    @Test
    void sameObservationAndStates_noChange() {
        assertThat(changes(result(BASE, RELAY, STARTTLS_OK), result(BASE, RELAY, STARTTLS_OK))).isEmpty();
    }

    @Test
    void verdictsAppear_clear_andChangeSeverity_byCodeAndSubject() {
        CheckState warn = state(Status.WARN, "smtp.banner", "slow banner");
        CheckState crit = state(Status.CRIT, "smtp.banner", "very slow banner");

        assertThat(changes(result(BASE, STARTTLS_OK), result(BASE, STARTTLS_OK, RELAY)))
                .containsExactly("New CRIT: smtp.open_relay on mx1.example.com/192.0.2.25 — relays for anyone");
        assertThat(changes(result(BASE, STARTTLS_OK, RELAY), result(BASE, STARTTLS_OK)))
                .containsExactly("Cleared CRIT: smtp.open_relay on mx1.example.com/192.0.2.25 — relays for anyone");
        assertThat(changes(result(BASE, warn), result(BASE, crit)))
                .containsExactly("Now CRIT (was WARN): smtp.banner on mx1.example.com/192.0.2.25 — very slow banner");
        // An OK verdict coming or going is not news; its replacement by a finding is.
        assertThat(changes(result(BASE), result(BASE, STARTTLS_OK))).isEmpty();
    }

    @Test
    void mxSetAndAddresses() {
        SmtpObservation before = withMx(mx(10, "mx1.example.com", "192.0.2.25"), mx(20, "mx2.example.com", "192.0.2.26"));
        SmtpObservation after = withMx(mx(10, "mx1.example.com", "192.0.2.25", "192.0.2.27"),
                mx(30, "mx3.example.com", "192.0.2.28"));

        assertThat(changes(result(before), result(after))).containsExactly(
                "MX hosts: added mx3.example.com; removed mx2.example.com",
                "Addresses of mx1.example.com: added 192.0.2.27");
    }

    @Test
    void starttlsNoLongerOffered_andOfferedAgain() {
        EndpointProbe offered = BASE.endpoints().get(0);
        EndpointProbe plain = endpoint(offered.greeting(), List.of(new Extension("PIPELINING", List.of())), null);

        assertThat(changes(result(BASE), result(withEndpoint(plain))))
                .containsExactly("mx1.example.com/192.0.2.25: STARTTLS no longer offered");
        assertThat(changes(result(withEndpoint(plain)), result(BASE)))
                .containsExactly("mx1.example.com/192.0.2.25: STARTTLS offered again");
    }

    @Test
    void certificateFingerprintAndExpiry() {
        EndpointProbe e = BASE.endpoints().get(0);
        EndpointProbe before = endpoint(e.greeting(), e.extensions(), tls("aa11", "2026-06-01T00:00:00Z"));
        EndpointProbe after = endpoint(e.greeting(), e.extensions(), tls("bb22", "2027-06-01T00:00:00Z"));

        assertThat(changes(result(withEndpoint(before)), result(withEndpoint(after)))).containsExactly(
                "mx1.example.com/192.0.2.25: certificate (SHA-256) aa11 → bb22",
                "mx1.example.com/192.0.2.25: certificate expiry 2026-06-01 00:00:00 UTC → 2027-06-01 00:00:00 UTC");
    }

    @Test
    void bannerHostName_shownAsText() {
        EndpointProbe e = BASE.endpoints().get(0);
        EndpointProbe renamed = endpoint(new Greeting(new Reply(220, null, List.of("smtp\u001b[2J.example.net ESMTP")),
                1, 1), e.extensions(), null);

        assertThat(changes(result(BASE), result(withEndpoint(renamed))))
                .containsExactly("mx1.example.com/192.0.2.25: banner host name mx1.example.com → smtp\\x1b[2J.example.net");
    }

    /** A verdict's message is its state's text: said in the reader's language, as the status words are not. */
    @Test
    void inFrench_theVerdictsMessageIsTheStatesOwnText() {
        CheckState relay = States.of(new RuleCode("smtp.open_relay", Status.CRIT), "smtp.open_relay.message",
                "endpoint", "mx1.example.com (192.0.2.25)", "mailFrom", "postmaster@example.net",
                "to", "postmaster@example.net", "domain", "example.com", "rcptReply", "250 2.1.5 Ok").subject("mx1.example.com/192.0.2.25")
                .build();
        String english = changes(result(BASE), result(BASE, relay)).get(0);
        String french = in(Locale.FRENCH, result(BASE), result(BASE, relay)).get(0);

        assertThat(english).isEqualTo("New CRIT: smtp.open_relay on mx1.example.com/192.0.2.25 — " + relay.message());
        assertThat(french).startsWith("Nouveau CRIT\u00a0: smtp.open_relay sur mx1.example.com/192.0.2.25 — ")
                .endsWith(relay.in(Catalogue.classpath(), Locale.FRENCH).message())
                .doesNotContain(relay.message());
    }

    @Test
    void inFrench_eachKindOfChange() {
        SmtpObservation before = withMx(mx(10, "mx1.example.com", "192.0.2.25"), mx(20, "mx2.example.com", "192.0.2.26"));
        SmtpObservation after = withMx(mx(10, "mx1.example.com", "192.0.2.25", "192.0.2.27"),
                mx(30, "mx3.example.com", "192.0.2.28"));
        assertThat(in(Locale.FRENCH, result(before), result(after))).containsExactly(
                "Hôtes MX\u00a0: ajouté mx3.example.com\u00a0; retiré mx2.example.com",
                "Adresses de mx1.example.com\u00a0: ajouté 192.0.2.27");

        EndpointProbe e = BASE.endpoints().get(0);
        EndpointProbe plain = endpoint(e.greeting(), List.of(new Extension("PIPELINING", List.of())), null);
        assertThat(in(Locale.FRENCH, result(BASE), result(withEndpoint(plain))))
                .containsExactly("mx1.example.com/192.0.2.25\u00a0: STARTTLS n'est plus proposé");

        EndpointProbe old = endpoint(e.greeting(), e.extensions(), tls("aa11", "2026-06-01T00:00:00Z"));
        EndpointProbe renewed = endpoint(e.greeting(), e.extensions(), tls("bb22", "2027-06-01T00:00:00Z"));
        assertThat(in(Locale.FRENCH, result(withEndpoint(old)), result(withEndpoint(renewed)))).containsExactly(
                "mx1.example.com/192.0.2.25\u00a0: certificat (SHA-256) aa11 → bb22",
                "mx1.example.com/192.0.2.25\u00a0: expiration du certificat 2026-06-01 00:00:00 UTC → 2027-06-01 00:00:00 UTC");

        CheckState warn = state(Status.WARN, "smtp.banner", "slow banner");
        CheckState crit = state(Status.CRIT, "smtp.banner", "very slow banner");
        assertThat(in(Locale.FRENCH, result(BASE, warn), result(BASE, crit))).containsExactly(
                "Désormais CRIT (avant\u00a0: WARN)\u00a0: smtp.banner sur mx1.example.com/192.0.2.25 — very slow banner");
        assertThat(in(Locale.FRENCH, result(BASE, STARTTLS_OK, RELAY), result(BASE, STARTTLS_OK))).containsExactly(
                "CRIT levé\u00a0: smtp.open_relay sur mx1.example.com/192.0.2.25 — relays for anyone");
    }
}
