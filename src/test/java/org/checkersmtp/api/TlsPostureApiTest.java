package org.checkersmtp.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.checkersmtp.json.GoJson;
import org.checkersmtp.observation.SmtpObservation;
import org.checkersmtp.observation.TlsEndpointPosture;
import org.checkersmtp.observation.TlsPosture;
import org.checkersmtp.rules.TlsQualityRule;
import org.checkersmtp.testsupport.SampleObservations;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

/** The run option tls_posture, and our own TLS findings carried in the observation on /evaluate and /report. */
class TlsPostureApiTest {

    /** mx1.example.com presents a certificate for another name. */
    private static SmtpObservation withWrongName() {
        TlsEndpointPosture e = new TlsEndpointPosture("mx1.example.com", 25, "192.0.2.25", "mx1.example.com", null, null,
                "TLSv1.3", "TLS_AES_128_GCM_SHA256", List.of(), true, null, false,
                "No subject alternative DNS name matching mx1.example.com found.", 40L, false, false, null, true, null,
                null, null, 90);
        return SampleObservations.oneGoodEndpoint().withTlsPosture(new TlsPosture(Instant.parse("2026-04-21T12:35:00Z"),
                100, "system", "root", List.of(e), List.of(), null, null, null));
    }

    private static MockHttpServletResponse post(MockMvc mvc, String path, String body) throws Exception {
        return mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(path).content(body))
                .andReturn().getResponse();
    }

    @Test
    void evaluateJudgesTheFindingsCarriedInTheObservation() throws Exception {
        String body = "{\"observations\":{\"smtp\":" + GoJson.marshal(withWrongName()) + "},\"options\":{}}";
        String states = post(CheckerApiVectorsTest.mvc(new TlsQualityRule()), "/evaluate", body)
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(states).contains("\"status\":4").contains("\"code\":\"smtp.tls_quality.hostname_mismatch\"");
    }

    @Test
    void aTlsPostureNoSiblingCouldCollectIsRefusedNamingTheField() throws Exception {
        String good = GoJson.marshal(withWrongName());
        // The JDK accepts no chain longer than 10 certificates, nor a handshake message over 32 KiB.
        String cert = "{\"subject\":\"CN=x\",\"key_bits\":0}";
        String suite = "\"cipher_suite\":\"TLS_AES_128_GCM_SHA256\",";
        String longChain = good.replace(suite, suite + "\"certificates\":["
                + String.join(",", java.util.Collections.nCopies(11, cert)) + "],");
        String longName = good.replace(suite,
                suite + "\"certificates\":[{\"subject\":\"CN=" + "x".repeat(200_000) + "\",\"key_bits\":0}],");
        MockMvc mvc = CheckerApiVectorsTest.mvc(new TlsQualityRule());
        for (Map.Entry<String, String> c : Map.of(
                longChain, "tls_posture.endpoints[0].certificates: 11 entries, at most 10",
                longName, "tls_posture.endpoints[0].certificates[0].subject: 200003 characters, at most 131072")
                .entrySet()) {
            assertThat(c.getKey()).as("the case changed the observation").isNotEqualTo(good);
            MockHttpServletResponse r = post(mvc, "/evaluate", "{\"observations\":{\"smtp\":" + c.getKey() + "}}");
            assertThat(r.getStatus()).as(c.getValue()).isEqualTo(400);
            assertThat(r.getContentAsString(StandardCharsets.UTF_8)).contains(c.getValue());
        }
    }

    @Test
    void withoutFindingsEvaluateStillSaysThereIsNoResult() throws Exception {
        String body = "{\"observations\":{\"smtp\":" + GoJson.marshal(SampleObservations.oneGoodEndpoint())
                + "},\"options\":{}}";
        assertThat(post(CheckerApiVectorsTest.mvc(new TlsQualityRule()), "/evaluate", body)
                .getContentAsString(StandardCharsets.UTF_8)).contains("smtp.tls_quality.no_result");
    }

    @Test
    void aRelatedTlsProbesFromHappyDomainWinsOnReport() throws Exception {
        String related = "{\"tls_probes\":[{\"checkerId\":\"tls\",\"key\":\"tls_probes\",\"data\":{\"probes\":{"
                + "\"mx1.example.com:25\":{\"host\":\"mx1.example.com\",\"port\":25,\"chain_valid\":true,"
                + "\"hostname_match\":true,\"issues\":[]}}},\"collectedAt\":\"2026-04-21T12:36:00Z\","
                + "\"ref\":\"mx1.example.com:25\"}]}";
        String body = "{\"key\":\"smtp\",\"data\":" + GoJson.marshal(withWrongName()) + ",\"related\":" + related + "}";
        MockHttpServletResponse r = post(CheckerApiVectorsTest.mvc(new TlsQualityRule()), "/report", body);
        // No Accept header: the metrics branch; ask for HTML to see the verdicts.
        MockHttpServletResponse html = CheckerApiVectorsTest.mvc(new TlsQualityRule()).perform(
                org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/report").content(body)
                        .header("Accept", "text/html")).andReturn().getResponse();
        assertThat(r.getStatus()).isEqualTo(200);
        String page = html.getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("checker-tls found the certificate valid").doesNotContain("does not name the MX host");
    }

    @Test
    void aTlsPostureOptionThatIsNotABooleanIsRefusedBeforeAnyProbe() throws Exception {
        MockHttpServletResponse r = post(CheckerApiVectorsTest.mvc(new TlsQualityRule()), "/collect",
                "{\"key\":\"smtp\",\"options\":{\"domain\":\"example.com\",\"tls_posture\":\"yes\"}}");
        assertThat(r.getStatus()).isEqualTo(400);
        assertThat(r.getContentAsString(StandardCharsets.UTF_8)).contains("tls_posture").contains("must be a boolean");
    }
}
