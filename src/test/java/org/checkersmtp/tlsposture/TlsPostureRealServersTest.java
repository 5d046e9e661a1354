package org.checkersmtp.tlsposture;

import java.util.EnumSet;
import org.checkersmtp.config.TlsPostureConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.checkersmtp.collect.CollectorProperties;
import org.checkersmtp.collect.SmtpCollector;
import org.checkersmtp.json.GoJson;
import org.checkersmtp.observation.DaneLookup;
import org.checkersmtp.observation.DnssecStatus;
import org.checkersmtp.observation.SmtpObservation;
import org.checkersmtp.observation.TlsEndpointPosture;
import org.checkersmtp.options.CheckOptions;
import org.checkersmtp.observation.OptionalProbe;
import org.checkersmtp.rules.AllRules;
import org.checkersmtp.rules.CheckState;
import org.checkersmtp.rules.RuleContext;
import org.checkersmtp.rules.Status;
import org.checkersmtp.smtp.SmtpLimits;
import org.checkersmtp.testsupport.TestCertificates;
import org.checkersmtp.testsupport.TestCollectors;
import org.checkersmtp.testsupport.realservers.KnotServer;
import org.checkersmtp.testsupport.realservers.PostfixInstance;
import org.checkersmtp.testsupport.realservers.PostfixInstance.Personality;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TLS sibling against real servers: Postfix instances on 127.0.0.30–33 (port 25) serving
 * certificates from a test CA (valid, expired, for another name, and one still accepting TLS 1.0/1.1),
 * a Knot server with DNSSEC-signed zones (its key-signing keys as the trust anchors) and an unsigned
 * one, and an HTTPS server on 127.0.0.49 serving MTA-STS policies. The facts are collected, written to
 * JSON and read back (as /evaluate receives them), then judged by the rules.
 */
class TlsPostureRealServersTest {

    static final String VALID = "127.0.0.30";
    static final String EXPIRED = "127.0.0.31";
    static final String WRONG_NAME = "127.0.0.32";
    static final String LEGACY = "127.0.0.33";
    static final String HTTPS = "127.0.0.49";

    @TempDir
    static Path dir;
    static List<PostfixInstance> postfixes = new ArrayList<>();
    static PostfixInstance valid;
    static KnotServer knot;
    static HttpsServer https;
    static SmtpCollector collector;
    static TlsPostureService service;
    static TlsPostureService systemTrust;
    static TlsPostureService rootAnchors;

    @BeforeAll
    static void startServers() throws Exception {
        var started = List.of(
                CompletableFuture.supplyAsync(() -> PostfixInstance.start(Personality.CA_VALID, VALID, "valid.test", false)),
                CompletableFuture.supplyAsync(() -> PostfixInstance.start(Personality.CA_EXPIRED, EXPIRED, "expired.test", false)),
                CompletableFuture.supplyAsync(() -> PostfixInstance.start(Personality.CA_WRONG_NAME, WRONG_NAME, "wrongname.test", false)),
                CompletableFuture.supplyAsync(() -> PostfixInstance.start(Personality.CA_LEGACY_TLS, LEGACY, "legacy.test", false)));
        for (var s : started) {
            postfixes.add(s.join());
        }
        valid = postfixes.get(0);
        String eeRecord = "3 1 1 " + sha256(valid.certificate().getPublicKey().getEncoded());
        String taRecord = "2 0 1 " + sha256(TestCertificates.TestCa.shared().certificate().getEncoded());
        String stsZone = "mta-sts A " + HTTPS + "\n_mta-sts TXT \"v=STSv1; id=20261125\"\n";
        knot = KnotServer.builder()
                .signedZone("valid.test", "@ MX 10 mx\nmx A " + VALID + "\n_25._tcp.mx TLSA " + taRecord)
                .zone("expired.test", "@ MX 10 mx\nmx A " + EXPIRED)
                .zone("wrongname.test", "@ MX 10 mx\nmx A " + WRONG_NAME)
                .zone("legacy.test", "@ MX 10 mx\nmx A " + LEGACY)
                .signedZone("dane.test", "@ MX 10 mx\nmx A " + VALID + "\n_25._tcp.mx TLSA " + eeRecord)
                .signedZone("danebad.test", "@ MX 10 mx\nmx A " + VALID + "\n_25._tcp.mx TLSA 3 1 1 "
                        + "0000000000000000000000000000000000000000000000000000000000000000")
                .signedZone("dsparent.test", "child NS ns.invalid.\nchild DS 2371 13 2 "
                        + "1111111111111111111111111111111111111111111111111111111111111111")
                .signedZone("child.dsparent.test", "@ MX 10 mx\nmx A " + VALID + "\n_25._tcp.mx TLSA " + eeRecord)
                .zone("daneplain.test", "@ MX 10 mx\nmx A " + VALID + "\n_25._tcp.mx TLSA " + eeRecord)
                .zone("sts.test", "@ MX 10 mx.valid.test.\n" + stsZone
                        + "_smtp._tls TXT \"v=TLSRPTv1; rua=mailto:tls-reports@sts.test\"")
                .zone("stsgap.test", "@ MX 10 mx.valid.test.\n@ MX 20 mx.legacy.test.\n" + stsZone)
                .zone("ststesting.test", "@ MX 10 mx.valid.test.\n" + stsZone)
                .zone("stsbig.test", "@ MX 10 mx.valid.test.\n" + stsZone)
                .zone("stsbad.test", "@ MX 10 mx.valid.test.\n" + stsZone)
                .zone("stsredirect.test", "@ MX 10 mx.valid.test.\n" + stsZone)
                .zone("stsnoname.test", "@ MX 10 mx.valid.test.\n" + stsZone)
                .start();
        Path anchors = Files.writeString(dir.resolve("anchors.txt"), knot.trustAnchor("valid.test")
                + knot.trustAnchor("dane.test") + knot.trustAnchor("danebad.test") + knot.trustAnchor("dsparent.test"));
        Path ca = Files.writeString(dir.resolve("ca.pem"), TestCertificates.TestCa.shared().pem());

        Instant now = Instant.now();
        TestCertificates.Issued policyCert = TestCertificates.TestCa.shared().issue(now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(30)), "mta-sts.sts.test", "mta-sts.stsgap.test", "mta-sts.ststesting.test",
                "mta-sts.stsbig.test", "mta-sts.stsbad.test", "mta-sts.stsredirect.test");
        https = HttpsServer.create(new InetSocketAddress(HTTPS, 0), 8);
        https.setHttpsConfigurator(new HttpsConfigurator(policyCert.serverContext()));
        https.createContext("/.well-known/mta-sts.txt", exchange -> {
            String host = exchange.getRequestHeaders().getFirst("Host").replaceAll(":\\d+$", "");
            if (host.equals("mta-sts.stsredirect.test")) {
                exchange.getResponseHeaders().add("Location", "https://mta-sts.sts.test/.well-known/mta-sts.txt");
                exchange.sendResponseHeaders(301, -1);
                exchange.close();
                return;
            }
            String body = switch (host) {
                case "mta-sts.sts.test" -> "version: STSv1\r\nmode: enforce\r\nmx: mx.valid.test\r\nmax_age: 86400\r\n";
                case "mta-sts.stsgap.test" -> "version: STSv1\nmode: enforce\nmx: mx.valid.test\nmax_age: 86400\n";
                case "mta-sts.ststesting.test" -> "version: STSv1\nmode: testing\nmx: *.valid.test\nmax_age: 604800\n";
                case "mta-sts.stsbig.test" -> "version: STSv1\nmode: enforce\nmx: mx.valid.test\nmax_age: 86400\n"
                        + "# padding\n".repeat(7000);
                default -> "version: STSv1\nmode: enforce\n";
            };
            byte[] bytes = body.getBytes(StandardCharsets.US_ASCII);
            exchange.getResponseHeaders().add("Content-Type", "text/plain");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        https.start();

        CollectorProperties properties = TestCollectors.properties(knot.address(), 25, Duration.ofSeconds(60));
        collector = new SmtpCollector(properties, Clock.systemUTC());
        SmtpLimits limits = properties.smtp().limits();
        EndpointAccess access = TlsPostureConfig.access(collector);
        List<InetSocketAddress> dns = List.of(new InetSocketAddress("127.0.0.1", knot.port()));
        service = new TlsPostureService(new TlsPostureSettings(dns, Duration.ofSeconds(2), 25, limits, ca, anchors,
                https.getAddress().getPort(), Duration.ofSeconds(40)), access, Clock.systemUTC());
        systemTrust = new TlsPostureService(new TlsPostureSettings(dns, Duration.ofSeconds(2), 25, limits, null,
                anchors, https.getAddress().getPort(), Duration.ofSeconds(40)), access, Clock.systemUTC());
        // The built-in root anchor, asked of an authoritative-only server: no chain from the root.
        rootAnchors = new TlsPostureService(new TlsPostureSettings(dns, Duration.ofSeconds(2), 25, limits, ca, null,
                https.getAddress().getPort(), Duration.ofSeconds(40)), access, Clock.systemUTC());
    }

    @AfterAll
    static void stopServers() {
        if (https != null) {
            https.stop(0);
        }
        for (AutoCloseable c : new AutoCloseable[] {service, systemTrust, rootAnchors, knot}) {
            closeQuietly(c);
        }
        postfixes.forEach(TlsPostureRealServersTest::closeQuietly);
    }

    /** Collects, examines, then judges what /evaluate would read back from the JSON. */
    static SmtpObservation examined(TlsPostureService with, String domain) {
        SmtpObservation obs = collector.collect(new CheckOptions(domain, Duration.ofSeconds(10), "probe.checker.test",
                EnumSet.noneOf(OptionalProbe.class), "postmaster@example.com"));
        SmtpObservation withPosture = obs.withTlsPosture(with.examine(obs, with.defaultBudget()));
        return GoJson.mapper().readValue(GoJson.marshal(withPosture), SmtpObservation.class);
    }

    static List<CheckState> judged(SmtpObservation obs, String rule) {
        return AllRules.evaluator().evaluate(obs, new RuleContext(Map.of(), TlsProbes.withOwnFindings(Map.of(), obs)),
                        null).stream().filter(s -> s.rule().equals(rule)).toList();
    }

    static TlsEndpointPosture endpoint(SmtpObservation obs, String address) {
        return obs.tlsPosture().endpoints().stream().filter(e -> e.address().equals(address)).findFirst().orElseThrow();
    }

    @Test
    void certificateFromTheTrustedCaForTheMxNameIsValid() {
        SmtpObservation obs = examined(service, "valid.test");
        TlsEndpointPosture e = endpoint(obs, VALID);
        assertThat(e.failure()).as("%s\n%s", e.error(), valid.log()).isNull();
        assertThat(e.tlsVersion()).isEqualTo("TLSv1.3");
        assertThat(e.sni()).isEqualTo("mx.valid.test");
        assertThat(e.chainValid()).as(e.chainError()).isTrue();
        assertThat(e.hostnameMatch()).as(e.hostnameError()).isTrue();
        assertThat(e.daysToExpiry()).isBetween(88L, 90L);
        assertThat(e.leaf().keyType()).isEqualTo("RSA");
        assertThat(e.leaf().keyBits()).isEqualTo(2048);
        assertThat(e.leaf().signatureAlgorithm()).isEqualTo("SHA256withECDSA");
        assertThat(e.leaf().sha256()).isEqualTo(valid.certificateSha256());
        assertThat(e.certificates()).hasSize(2);
        assertThat(e.tls10Accepted()).as(e.legacyProbeError()).isFalse();
        assertThat(e.tls11Accepted()).isFalse();
        assertThat(e.forwardSecrecy()).isTrue();
        assertThat(obs.tlsPosture().trustStore()).endsWith("ca.pem");

        var probe = TlsProbes.document(obs.tlsPosture()).get("probes").get("mx.valid.test:25");
        assertThat(probe.get("chain_valid").asBoolean()).isTrue();
        assertThat(probe.get("hostname_match").asBoolean()).isTrue();
        assertThat(probe.get("type").asString()).isEqualTo("starttls-smtp");
        assertThat(probe.get("issues")).isEmpty();
        assertThat(judged(obs, "smtp.tls_quality")).singleElement()
                .satisfies(s -> assertThat(s.code()).isEqualTo("smtp.tls_quality.ok"));
        // DANE-TA: "2 0 1" names the test CA, which the server sends after its leaf.
        assertThat(obs.tlsPosture().dane()).singleElement().satisfies(d -> {
            assertThat(d.dnssec()).as(d.error()).isEqualTo(DnssecStatus.SECURE);
            assertThat(d.records()).singleElement().satisfies(r -> assertThat(r).startsWith("2 0 1 "));
        });
        assertThat(judged(obs, "smtp.dane")).singleElement().satisfies(s -> {
            assertThat(s.status()).isEqualTo(Status.OK);
            assertThat(s.subject()).isEqualTo("mx.valid.test/" + VALID);
        });
    }

    @Test
    void aChainNotFromTheTrustStoreIsInvalid() {
        SmtpObservation obs = examined(systemTrust, "valid.test");
        TlsEndpointPosture e = endpoint(obs, VALID);
        assertThat(e.chainValid()).isFalse();
        assertThat(e.chainError()).isNotBlank();
        assertThat(obs.tlsPosture().trustStore()).isEqualTo("system");
        assertThat(judged(obs, "smtp.tls_quality")).singleElement().satisfies(s -> {
            assertThat(s.status()).isEqualTo(Status.CRIT);
            assertThat(s.code()).isEqualTo("smtp.tls_quality.chain_invalid");
        });
    }

    @Test
    void expiredCertificateIsCritical() {
        SmtpObservation obs = examined(service, "expired.test");
        TlsEndpointPosture e = endpoint(obs, EXPIRED);
        assertThat(e.daysToExpiry()).isBetween(-11L, -10L);
        assertThat(e.chainValid()).as("expiry is judged apart from the path: %s", e.chainError()).isTrue();
        assertThat(e.hostnameMatch()).isTrue();
        assertThat(judged(obs, "smtp.tls_quality")).singleElement().satisfies(s -> {
            assertThat(s.status()).isEqualTo(Status.CRIT);
            assertThat(s.code()).isEqualTo("smtp.tls_quality.expired");
        });
    }

    @Test
    void certificateForAnotherNameIsAHostnameMismatch() {
        SmtpObservation obs = examined(service, "wrongname.test");
        TlsEndpointPosture e = endpoint(obs, WRONG_NAME);
        assertThat(e.hostnameMatch()).isFalse();
        assertThat(e.hostnameError()).contains("mx.wrongname.test");
        assertThat(e.leaf().san()).containsExactly("DNS:mail.elsewhere.test");
        assertThat(e.chainValid()).isTrue();
        assertThat(judged(obs, "smtp.tls_quality")).singleElement().satisfies(s -> {
            assertThat(s.status()).isEqualTo(Status.CRIT);
            assertThat(s.code()).isEqualTo("smtp.tls_quality.hostname_mismatch");
        });
    }

    @Test
    void serverStillAcceptingTls10And11IsWarned() {
        SmtpObservation obs = examined(service, "legacy.test");
        TlsEndpointPosture e = endpoint(obs, LEGACY);
        assertThat(e.tlsVersion()).isEqualTo("TLSv1.3");
        assertThat(e.tls11Accepted()).as(e.legacyProbeError()).isTrue();
        assertThat(e.tls10Accepted()).isTrue();
        assertThat(e.chainValid()).isTrue();
        assertThat(judged(obs, "smtp.tls_quality")).singleElement().satisfies(s -> {
            assertThat(s.status()).isEqualTo(Status.WARN);
            assertThat(s.code()).isEqualTo("smtp.tls_quality.weak_version");
            assertThat(s.meta().get("evidence").toString()).contains("weak_tls_version");
        });
    }

    @Test
    void daneEeRecordMatchingTheKeyInASignedZoneIsOk() {
        SmtpObservation obs = examined(service, "dane.test");
        assertThat(obs.tlsPosture().dane()).singleElement()
                .satisfies(d -> assertThat(d.dnssec()).as(d.error()).isEqualTo(DnssecStatus.SECURE));
        assertThat(endpoint(obs, VALID).daneMatch()).isTrue();
        assertThat(judged(obs, "smtp.dane")).singleElement().satisfies(s -> {
            assertThat(s.status()).isEqualTo(Status.OK);
            assertThat(s.code()).isEqualTo("smtp.dane.ok");
        });
    }

    @Test
    void daneRecordWithAWrongDigestIsCritical() {
        SmtpObservation obs = examined(service, "danebad.test");
        assertThat(endpoint(obs, VALID).daneMatch()).isFalse();
        assertThat(judged(obs, "smtp.dane")).singleElement().satisfies(s -> {
            assertThat(s.status()).isEqualTo(Status.CRIT);
            assertThat(s.code()).isEqualTo("smtp.dane.mismatch");
            assertThat(s.subject()).isEqualTo("mx.danebad.test/" + VALID);
            assertThat(s.meta().get("reproduce")).isEqualTo("dig +dnssec TLSA _25._tcp.mx.danebad.test");
        });
    }

    @Test
    void aDsAtTheParentMatchingNoKeyOfTheChildIsBogus() {
        SmtpObservation obs = examined(service, "child.dsparent.test");
        assertThat(obs.tlsPosture().dane()).singleElement()
                .satisfies(d -> assertThat(d.dnssec()).as(d.error()).isEqualTo(DnssecStatus.BOGUS));
        assertThat(judged(obs, "smtp.dane")).singleElement().satisfies(s -> {
            assertThat(s.status()).isEqualTo(Status.CRIT);
            assertThat(s.code()).isEqualTo("smtp.dane.bogus");
        });
    }

    @Test
    void withoutAChainFromTheAnchorDaneIsUnknownOncePerCheck() {
        // Two MX hosts, unsigned: the root anchor cannot be reached through an authoritative-only server.
        SmtpObservation obs = examined(rootAnchors, "stsgap.test");
        assertThat(obs.tlsPosture().dane()).hasSize(2).allSatisfy(d -> assertThat(d.dnssec()).as(d.error())
                .isEqualTo(DnssecStatus.INDETERMINATE));
        assertThat(judged(obs, "smtp.dane")).singleElement().satisfies(s -> {
            assertThat(s.status()).isEqualTo(Status.UNKNOWN);
            assertThat(s.code()).isEqualTo("smtp.dane.unvalidated");
            assertThat(s.subject()).isEqualTo("stsgap.test");
            assertThat(s.message()).contains("127.0.0.1:" + knot.port(), "DNSKEY", "for .", "mx.valid.test",
                    "mx.legacy.test", "checker.dns.trust-anchors");
        });
    }

    @Test
    void theSameRecordInAnUnsignedZoneIsIgnoredBySenders() {
        SmtpObservation obs = examined(service, "daneplain.test");
        assertThat(obs.tlsPosture().dane()).singleElement().satisfies(d -> {
            assertThat(d.dnssec()).isEqualTo(DnssecStatus.INSECURE);
            assertThat(d.records()).hasSize(1);
        });
        assertThat(judged(obs, "smtp.dane")).singleElement().satisfies(s -> {
            assertThat(s.status()).isEqualTo(Status.WARN);
            assertThat(s.code()).isEqualTo("smtp.dane.insecure");
        });
    }

    @Test
    void enforcedMtaStsPolicyCoveringTheMxIsOk() {
        SmtpObservation obs = examined(service, "sts.test");
        var sts = obs.tlsPosture().mtaSts();
        assertThat(sts.fetchError()).isNull();
        assertThat(sts.mode()).isEqualTo("enforce");
        assertThat(sts.maxAge()).isEqualTo(86400L);
        assertThat(sts.id()).isEqualTo("20261125");
        assertThat(sts.coverage()).singleElement().satisfies(c -> assertThat(c.pattern()).isEqualTo("mx.valid.test"));
        assertThat(obs.tlsPosture().tlsRpt().rua()).containsExactly("mailto:tls-reports@sts.test");
        assertThat(judged(obs, "smtp.mta_sts")).singleElement().satisfies(s -> {
            assertThat(s.status()).isEqualTo(Status.OK);
            assertThat(s.code()).isEqualTo("smtp.mta_sts.ok");
        });
    }

    @Test
    void enforcedPolicyNotListingOneMxIsCriticalForThatMx() {
        SmtpObservation obs = examined(service, "stsgap.test");
        List<CheckState> states = judged(obs, "smtp.mta_sts");
        assertThat(states).filteredOn(s -> s.code().equals("smtp.mta_sts.uncovered")).singleElement().satisfies(s -> {
            assertThat(s.status()).isEqualTo(Status.CRIT);
            assertThat(s.subject()).isEqualTo("mx.legacy.test");
            assertThat(s.message()).contains("mx.legacy.test");
        });
        assertThat(states).extracting(CheckState::code).contains("smtp.mta_sts.no_tlsrpt")
                .doesNotContain("smtp.mta_sts.ok");
    }

    @Test
    void testingPolicyIsInformational() {
        SmtpObservation obs = examined(service, "ststesting.test");
        assertThat(obs.tlsPosture().mtaSts().coverage()).singleElement()
                .satisfies(c -> assertThat(c.pattern()).isEqualTo("*.valid.test"));
        assertThat(judged(obs, "smtp.mta_sts")).extracting(CheckState::code)
                .containsExactly("smtp.mta_sts.testing", "smtp.mta_sts.no_tlsrpt");
    }

    @Test
    void oversizedPolicyIsUnavailable() {
        SmtpObservation obs = examined(service, "stsbig.test");
        assertThat(obs.tlsPosture().mtaSts().fetchError()).isEqualTo("policy larger than 64 KiB");
        assertThat(judged(obs, "smtp.mta_sts")).filteredOn(s -> s.code().equals("smtp.mta_sts.unavailable"))
                .singleElement().satisfies(s -> {
                    assertThat(s.status()).isEqualTo(Status.WARN);
                    assertThat(s.message()).contains("cannot be fetched: policy larger than 64 KiB");
                });
    }

    @Test
    void malformedPolicySaysWhatIsMissing() {
        SmtpObservation obs = examined(service, "stsbad.test");
        assertThat(obs.tlsPosture().mtaSts().policyError()).isEqualTo("no max_age field; no mx field");
        assertThat(judged(obs, "smtp.mta_sts")).filteredOn(s -> s.code().equals("smtp.mta_sts.unavailable"))
                .singleElement().satisfies(s -> assertThat(s.message()).contains("is malformed: no max_age field"));
    }

    @Test
    void aRedirectIsNotFollowed() {
        var sts = examined(service, "stsredirect.test").tlsPosture().mtaSts();
        assertThat(sts.httpStatus()).isEqualTo(301);
        assertThat(sts.fetchError()).isEqualTo("HTTP 301 (a policy needs 200)");
        assertThat(sts.mode()).isNull();
    }

    @Test
    void aPolicyHostWhoseCertificateDoesNotNameItIsRefused() {
        var sts = examined(service, "stsnoname.test").tlsPosture().mtaSts();
        assertThat(sts.httpStatus()).isZero();
        assertThat(sts.fetchError()).containsIgnoringCase("mta-sts.stsnoname.test");
    }

    @Test
    void reportShowsCertificateDaneAndMtaStsLinesPerEndpoint() {
        SmtpObservation obs = examined(service, "sts.test");
        org.thymeleaf.spring6.SpringTemplateEngine engine = org.checkersmtp.testsupport.TestTemplates.engine();
        Map<String, List<org.checkersmtp.observation.RelatedObservation>> related = TlsProbes.withOwnFindings(Map.of(), obs);
        String html = new org.checkersmtp.report.HtmlReportRenderer(engine, org.checkersmtp.rules.AllRules.evaluator()).render(obs,
                AllRules.evaluator().evaluate(obs, new RuleContext(Map.of(), related), null));
        assertThat(html).as("Thymeleaf's mark of a missing #{key}").doesNotContain("??");
        org.jsoup.nodes.Element section = org.jsoup.Jsoup.parse(html).getElementById("tls-posture");
        assertThat(section).isNotNull();
        String text = section.text();
        assertThat(text).contains("mx.valid.test (" + VALID + ")", "TLSv1.3", "chain valid", "name matches",
                "RSA 2048", "DANE matches 2 0 1", "dig +dnssec TLSA _25._tcp.mx.valid.test", "mode enforce",
                "mx.valid.test covered by mx.valid.test", "mailto:tls-reports@sts.test",
                "curl --max-redirs 0 https://mta-sts.sts.test:");
        assertThat(org.jsoup.Jsoup.parse(html).getElementById("what-to-fix").text()).contains("Nothing to fix");
    }

    private static String sha256(byte[] der) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception ignored) {
            // Best effort.
        }
    }
}
