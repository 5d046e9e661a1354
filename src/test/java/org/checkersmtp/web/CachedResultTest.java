package org.checkersmtp.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.checkersmtp.check.CheckResult;
import org.checkersmtp.json.GoJson;
import org.checkersmtp.observation.PresentedCertificate;
import org.checkersmtp.observation.SmtpObservation;
import org.checkersmtp.observation.TlsEndpointPosture;
import org.checkersmtp.observation.TlsPosture;
import org.checkersmtp.options.CheckOptions;
import org.checkersmtp.observation.OptionalProbe;
import org.checkersmtp.i18n.Catalogue;
import org.checkersmtp.rules.AllRules;
import org.checkersmtp.rules.KeptJson;
import org.checkersmtp.rules.RuleContext;
import org.checkersmtp.testsupport.SampleObservations;
import org.checkersmtp.tlsposture.TlsProbes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What the result cache holds for the page: a whole check as JSON, read back equal; keyed by normalised options. */
class CachedResultTest {

    @Test
    void aCheckResultSurvivesTheCacheUnchanged() {
        Instant at = Instant.parse("2026-04-21T12:35:00.123456789Z");
        PresentedCertificate leaf = new PresentedCertificate("CN=mx1.example.com", "CN=Test CA",
                List.of("DNS:mx1.example.com"), at.minusSeconds(86_400), at.plusSeconds(30L * 86_400), "ab12", "RSA",
                2048, "SHA256withRSA");
        TlsEndpointPosture endpoint = new TlsEndpointPosture("mx1.example.com", 25, "192.0.2.25", "mx1.example.com",
                null, null, "TLSv1.3", "TLS_AES_128_GCM_SHA256", List.of(leaf), true, null, true, null, 30L, false,
                false, null, true, "negotiated TLS_AES_128_GCM_SHA256", null, null, 120);
        SmtpObservation observation = SampleObservations.oneGoodEndpoint().withTlsPosture(
                new TlsPosture(at, 300, "system", "root", List.of(endpoint), List.of(), null, null, null));
        var related = TlsProbes.withOwnFindings(Map.of(), observation);
        CheckResult result = new CheckResult(observation, related,
                AllRules.evaluator().evaluate(observation, new RuleContext(Map.of(), related), null));
        assertThat(result.states()).anySatisfy(s -> assertThat(s.meta()).containsKey("extensions"));

        CheckResult read = PageChecks.decode(KeptJson.mapper().writeValueAsString(result));

        assertThat(read).isEqualTo(result);
        assertThat(read.verdict()).isEqualTo(result.verdict());
        // The states' templates are kept too: a cached result is said in French as the fresh one is.
        assertThat(read.states()).allSatisfy(s -> assertThat(s.text()).isNotNull());
        assertThat(read.states().stream().map(s -> s.in(Catalogue.classpath(), Locale.FRENCH).message()))
                .isEqualTo(result.states().stream().map(s -> s.in(Catalogue.classpath(), Locale.FRENCH).message()).toList());
    }

    @Test
    void theKeyIsTheNormalisedOptions() {
        CheckOptions typed = CheckForm.submitted(Map.of("domain", new String[] {"Example.COM."})).parse();
        assertThat(PageChecks.cacheKey(typed)).isEqualTo(PageChecks.cacheKey(CheckOptions.defaults("example.com")))
                .startsWith("check/v" + SmtpObservation.SCHEMA_VERSION + "/").contains("\"example.com\"");
        CheckOptions shorter = new CheckOptions("example.com", Duration.ofSeconds(5), CheckOptions.DEFAULT_HELO_NAME,
                EnumSet.allOf(OptionalProbe.class), CheckOptions.DEFAULT_PROBE_ADDRESS);
        assertThat(PageChecks.cacheKey(shorter)).isNotEqualTo(PageChecks.cacheKey(typed));
    }

    /** Every field of the /check form, taken from the option catalogue: a new option is covered by itself. */
    static Stream<CheckForm.Field> pageFields() {
        return CheckForm.blank().fields().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pageFields")
    void twoChecksThatDifferInOneOptionNeverShareAnEntry(CheckForm.Field changed) {
        CheckOptions base = CheckForm.submitted(submission(null)).parse();
        CheckOptions other = CheckForm.submitted(submission(changed)).parse();

        assertThat(other).as("the form must change something for %s", changed.id()).isNotEqualTo(base);
        assertThat(PageChecks.cacheKey(other)).isNotEqualTo(PageChecks.cacheKey(base));
    }

    private static Map<String, String[]> submission(CheckForm.Field changed) {
        return submission(changed, "example.com", "example.org");
    }

    /**
     * The form as submitted with every field at its default, but {@code changed} (when not null) set otherwise;
     * the domain is {@code domain}, or {@code otherDomain} when the domain is the field changed.
     */
    static Map<String, String[]> submission(CheckForm.Field changed, String domain, String otherDomain) {
        Map<String, String[]> form = new HashMap<>();
        for (CheckForm.Field f : CheckForm.blank().fields()) {
            boolean change = f.equals(changed);
            if (f.checkbox()) {
                form.put(f.marker(), new String[] {"on"});
                if (Boolean.TRUE.equals(f.defaultValue()) != change) {
                    form.put(f.id(), new String[] {"true"});
                }
            } else if (f.defaultValue() == null) {
                form.put(f.id(), new String[] {change ? otherDomain : domain});
            } else if (f.defaultValue() instanceof Number n) {
                form.put(f.id(), new String[] {String.valueOf(n.intValue() + (change ? 1 : 0))});
            } else {
                form.put(f.id(), new String[] {(change ? "x" : "") + f.defaultValue()});
            }
        }
        return form;
    }
}
