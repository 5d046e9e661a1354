package org.checkersmtp.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.checkersmtp.json.GoJson;
import org.checkersmtp.observation.PresentedCertificate;
import org.checkersmtp.observation.SmtpObservation;
import org.checkersmtp.observation.TlsEndpointPosture;
import org.checkersmtp.observation.TlsPosture;
import org.checkersmtp.rules.AllRules;
import org.checkersmtp.rules.CheckState;
import org.checkersmtp.rules.States;
import org.checkersmtp.rules.RuleContext;
import org.checkersmtp.testsupport.TestTemplates;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/**
 * The report's repeated sections (endpoints with their transcripts, the verdict table) are written in
 * Java for speed: they must show what the template showed, escape what a hostile server or client
 * sends, and leave out the rows an endpoint has no facts for.
 */
class HtmlReportRendererTest {

    /** One endpoint that talked (with hostile text in its banner and transcript), one that never answered. */
    private static final String OBSERVATION = """
            {"domain":"example.org","run_at":"2026-04-21T12:34:56Z",
             "mx":{"records":[{"preference":10,"target":"mx1.example.org","ipv4":["192.0.2.25"],"ipv6":["2001:db8::25"],
                               "resolution":"ok"}]},
             "endpoints":[
              {"target":"mx1.example.org","preference":10,"address":"192.0.2.25","family":"ipv4",
               "reverse_dns":{"ptr":["mx1.example.org"],"forward_confirmed":true,"confirmed_name":"mx1.example.org"},
               "connect":{"ok":true,"time_ms":12},
               "greeting":{"reply":{"code":220,"lines":["mx1.example.org ESMTP <script>alert(1)</script>"]},
                           "first_byte_ms":15,"final_line_ms":15},
               "ehlo":{"code":250,"lines":["mx1.example.org","PIPELINING","SIZE 1000","STARTTLS"]},
               "extensions":[{"name":"PIPELINING"},{"name":"SIZE","params":["1000"]},{"name":"STARTTLS"}],
               "starttls":{"reply":{"code":220,"lines":["Ready"]},"handshake_ok":true,"protocol":"TLSv1.3",
                           "cipher_suite":"TLS_AES_128_GCM_SHA256","handshake_ms":9,
                           "certificate":{"subject":"CN=mx1.example.org","issuer":"CN=Test CA",
                                          "not_after":"2027-01-01T00:00:00Z","chain_length":1}},
               "transactions":[{"kind":"null_sender","mail_from":"","rcpt_to":"postmaster@example.org",
                                "mail":{"code":250,"lines":["Ok"]},"rcpt":{"code":250,"lines":["Ok"]}},
                               {"kind":"open_relay","mail_from":"postmaster@example.com",
                                "mail":{"code":250,"lines":["Ok"]},"error":"connection lost"}],
               "transcript":[{"dir":"*","t_ms":0,"line":"connected to 192.0.2.25:25 in 12 ms"},
                             {"dir":"S","t_ms":15,"line":"220 mx1.example.org ESMTP <script>alert(1)</script>"},
                             {"dir":"C","t_ms":16,"line":"EHLO mx-checker.happydomain.org"},
                             {"dir":"\\"><b>x</b>","t_ms":17,"line":"a & b"}],
               "end":{"reason":"connection_closed","phase":"mail","detail":"closed by the server"},
               "duration_ms":40},
              {"target":"mx1.example.org","preference":10,"address":"2001:db8::25","family":"ipv6",
               "connect":{"ok":false,"failure":"timeout","error":"no answer in 12000 ms","time_ms":12000},
               "end":{"reason":"connect_failed","phase":"connect"},
               "duration_ms":12000}],
             "coverage":{"ipv4_endpoints":1,"ipv6_endpoints":1,"ipv4_reachable":1,"ipv6_reachable":0},
             "schema_version":1,"duration_ms":12040}
            """;

    private final HtmlReportRenderer renderer = new HtmlReportRenderer(TestTemplates.engine(), org.checkersmtp.rules.AllRules.evaluator());
    private final SmtpObservation observation = GoJson.decode(OBSERVATION.getBytes(StandardCharsets.UTF_8),
            SmtpObservation.class);
    private final List<CheckState> states = AllRules.evaluator().evaluate(observation, RuleContext.EMPTY, null);
    private final Document page = Jsoup.parse(renderer.render(observation, states));

    @Test
    void everyEndpointShowsItsFactsInOrder() {
        List<Element> endpoints = page.select("#endpoints div.endpoint");
        assertThat(endpoints).extracting(e -> e.selectFirst("h3").text())
                .containsExactly("mx1.example.org (192.0.2.25)", "mx1.example.org (2001:db8::25)");
        assertThat(rows(endpoints.get(0))).containsExactly(
                "Family | IPv4",
                "Reverse DNS | mx1.example.org (forward-confirmed)",
                "TCP connect | ok in 12 ms",
                "Greeting | 220 mx1.example.org ESMTP <script>alert(1)</script> after 15 ms",
                "EHLO | 250 PIPELINING, SIZE 1000, STARTTLS",
                "STARTTLS | TLSv1.3 TLS_AES_128_GCM_SHA256",
                "Certificate | CN=mx1.example.org issued by CN=Test CA, expires 2027-01-01 00:00:00 UTC",
                "Bounce acceptance (MAIL FROM:<>) | MAIL FROM:<> → 250 Ok RCPT TO:<postmaster@example.org> → 250 Ok",
                "Open-relay test | MAIL FROM:<postmaster@example.com> → 250 Ok (connection lost)",
                "Session | Closed by the server in mail: closed by the server · 40 ms");
        assertThat(endpoints).extracting(e -> e.select(".badge").size()).as("no open relay here").containsOnly(0);
    }

    /** What a permalink's #… names: each endpoint and each finding has an id of its own. */
    @Test
    void everyEndpointAndFindingHasAnAnchor() {
        assertThat(page.select("#endpoints div.endpoint")).extracting(e -> e.id())
                .containsExactly("endpoint-mx1.example.org-192.0.2.25", "endpoint-mx1.example.org-2001:db8::25");
        List<String> findings = page.select("#what-to-fix div.fix").eachAttr("id");
        assertThat(findings).isNotEmpty().doesNotHaveDuplicates().allMatch(id -> id.matches("finding-[A-Za-z0-9._:-]+"));
        assertThat(findings).contains("finding-smtp.endpoint_reachable.unreachable-mx1.example.org-2001:db8::25");
    }

    @Test
    void timesReadAsDateAndHourWithTheExactValueKept() {
        Element checked = page.selectFirst("header time");
        assertThat(checked.text()).isEqualTo("2026-04-21 12:34:56 UTC");
        assertThat(checked.attr("datetime")).isEqualTo("2026-04-21T12:34:56Z");
        assertThat(checked.attr("title")).isEqualTo("2026-04-21T12:34:56Z");
        Element expires = page.select("#endpoints time").first();
        assertThat(expires.text()).isEqualTo("2027-01-01 00:00:00 UTC");
        assertThat(expires.attr("title")).isEqualTo("2027-01-01T00:00:00Z");

        Instant examined = Instant.parse("2026-04-21T12:35:00.25Z");
        PresentedCertificate leaf = new PresentedCertificate("CN=mx1.example.org", "CN=Test CA", List.of("DNS:mx1.example.org"),
                examined.minusSeconds(86_400), Instant.parse("2026-06-20T00:00:00Z"), "ab12", "RSA", 2048, "SHA256withRSA");
        TlsEndpointPosture posture = new TlsEndpointPosture("mx1.example.org", 25, "192.0.2.25", "mx1.example.org", null,
                null, "TLSv1.3", "TLS_AES_128_GCM_SHA256", List.of(leaf), true, null, true, null, 59L, false, false, null,
                true, null, null, null, 120);
        Document withTls = Jsoup.parse(renderer.render(observation.withTlsPosture(new TlsPosture(examined, 300, "system",
                "root", List.of(posture), List.of(), null, null, null)), states));
        assertThat(withTls.select("#tls-posture time")).extracting(Element::text, e -> e.attr("title")).containsExactly(
                org.assertj.core.groups.Tuple.tuple("2026-04-21 12:35:00 UTC", "2026-04-21T12:35:00.25Z"),
                org.assertj.core.groups.Tuple.tuple("2026-06-20 00:00:00 UTC", "2026-06-20T00:00:00Z"));
        assertThat(withTls.select("#tls-posture td").text()).contains("expires 2026-06-20 00:00:00 UTC (59 days)");
    }

    @Test
    void anEndpointThatNeverAnsweredShowsOnlyWhatIsKnown() {
        Element down = page.select("#endpoints div.endpoint").get(1);
        assertThat(rows(down)).containsExactly(
                "Family | IPv6",
                "TCP connect | failed (timeout): no answer in 12000 ms",
                "Session | Connect failed in connect · 12000 ms");
        assertThat(down.select("details")).isEmpty();
    }

    @Test
    void theTranscriptKeepsEveryLineVerbatimAndEscaped() {
        List<Element> lines = page.select("#endpoints div.endpoint").get(0).select("details pre span");
        assertThat(lines).extracting(Element::className)
                .containsExactly("dir-E", "dir-S", "dir-C", "dir-\"><b>x</b>");
        assertThat(lines).extracting(Element::wholeText).containsExactly(
                "[0 ms] * connected to 192.0.2.25:25 in 12 ms\n",
                "[15 ms] S 220 mx1.example.org ESMTP <script>alert(1)</script>\n",
                "[16 ms] C EHLO mx-checker.happydomain.org\n",
                "[17 ms] \"><b>x</b> a & b\n");
        assertThat(page.select("script, b")).as("nothing a server sends becomes markup").isEmpty();
    }

    @Test
    void theVerdictTableHasOneRowPerStateWithItsStatusBadge() {
        List<Element> rows = page.select("#states tr:has(td)");
        assertThat(rows).hasSize(states.size());
        for (int i = 0; i < states.size(); i++) {
            CheckState s = states.get(i);
            Element badge = rows.get(i).selectFirst("span.badge");
            assertThat(badge.hasClass(s.status().name())).isTrue();
            assertThat(rows.get(i).select("td").eachText()).containsExactly(s.status().name(),
                    s.rule() == null ? "" : s.rule(), s.subject() == null ? "" : s.subject(), s.message());
        }
    }

    /** Two addresses of one MX: the first relays for anyone, the second refuses; both are otherwise sound. */
    private static final String ONE_OPEN_RELAY = """
            {"domain":"relay.example","run_at":"2026-04-21T12:34:56Z",
             "mx":{"records":[{"preference":10,"target":"mx.relay.example","ipv4":["192.0.2.1","192.0.2.2"],"resolution":"ok"}]},
             "endpoints":[%s,%s],
             "coverage":{"ipv4_endpoints":2,"ipv4_reachable":2},"schema_version":1,
             "probe":{"helo_name":"mx-checker.happydomain.org","timeout_ms":12000,"test_null_sender":true,
                      "test_postmaster":true,"test_open_relay":true,"postmaster_address":"postmaster@relay.example",
                      "relay_recipient":"postmaster@example.com","relay_sender":"postmaster@example.com"},
             "duration_ms":90}
            """.formatted(endpoint("192.0.2.1", 250), endpoint("192.0.2.2", 554));

    private static String endpoint(String address, int relayAnswer) {
        return """
                {"target":"mx.relay.example","preference":10,"address":"%s","family":"ipv4",
                 "connect":{"ok":true,"time_ms":3},
                 "greeting":{"reply":{"code":220,"lines":["mx.relay.example ESMTP"]},"first_byte_ms":4,"final_line_ms":4},
                 "ehlo":{"code":250,"lines":["mx.relay.example","PIPELINING","8BITMIME"]},
                 "extensions":[{"name":"PIPELINING"},{"name":"8BITMIME"}],
                 "transactions":[
                   {"kind":"null_sender","mail_from":"","rcpt_to":"postmaster@relay.example",
                    "mail":{"code":250,"lines":["Ok"]},"rcpt":{"code":250,"lines":["Ok"]}},
                   {"kind":"open_relay","mail_from":"postmaster@example.com","rcpt_to":"postmaster@example.com",
                    "mail":{"code":250,"lines":["Ok"]},"rcpt":{"code":%d,"lines":["relay answer"]}}],
                 "end":{"reason":"completed","phase":"quit"},"duration_ms":30}
                """.formatted(address, relayAnswer);
    }

    @Test
    void anOpenRelayIsBadgedOnItsEndpointAndLeadsWhatToFix() {
        SmtpObservation relay = GoJson.decode(ONE_OPEN_RELAY.getBytes(StandardCharsets.UTF_8), SmtpObservation.class);
        List<CheckState> found = AllRules.evaluator().evaluate(relay, RuleContext.EMPTY, null);
        // The open relay's state comes after other CRIT and WARN findings in rule order: the report reorders.
        assertThat(found.stream().filter(s -> s.status().name().matches("CRIT|WARN|ERROR")).findFirst())
                .hasValueSatisfying(s -> assertThat(s.rule()).isNotEqualTo("smtp.open_relay"));
        Document report = Jsoup.parse(renderer.render(relay, found));

        List<Element> endpoints = report.select("#endpoints div.endpoint");
        assertThat(endpoints.get(0).selectFirst("h3").text()).isEqualTo("mx.relay.example (192.0.2.1) OPEN RELAY");
        assertThat(endpoints.get(0).select("h3 .badge.CRIT").text()).isEqualTo("OPEN RELAY");
        assertThat(endpoints.get(1).selectFirst("h3").text()).isEqualTo("mx.relay.example (192.0.2.2)");
        Element first = report.select("#what-to-fix .fix").first();
        assertThat(first.text()).startsWith("CRIT mx.relay.example (192.0.2.1) is an open relay");
        assertThat(first.select(".meta").text()).startsWith("smtp.open_relay");
        assertThat(report.selectFirst("h1 .badge").text()).isEqualTo("CRIT");
    }

    @Test
    void theHeadlineReadsOkWhenTheWorstFindingIsANote() {
        CheckState note = new CheckState(org.checkersmtp.rules.Status.INFO, "a note", "smtp.x", "smtp.x.note",
                "example.org", null);
        CheckState ok = new CheckState(org.checkersmtp.rules.Status.OK, "fine", "smtp.y", "smtp.y.ok", "example.org",
                null);
        Document report = Jsoup.parse(renderer.render(observation, List.of(ok, note)));
        assertThat(report.selectFirst("h1 .badge").text()).isEqualTo("OK");
        assertThat(report.select("#what-to-fix .all-good").text()).startsWith("Nothing to fix");
        assertThat(report.select("#what-to-fix li").text()).isEqualTo("INFO a note");
    }

    @Test
    void aFindingShowsItsFixCommandEvidenceAndOriginWithEverythingEscaped() {
        CheckState hostile = new CheckState(org.checkersmtp.rules.Status.WARN, "banner says <script>x</script>",
                "smtp.banner_sanity", "smtp.banner_sanity.odd", "mx.example.org/192.0.2.25",
                java.util.Map.of(States.FIX, "say \"hello\" & mean it", States.REPRODUCE, "swaks --server 'mx'",
                        States.EVIDENCE, List.of("220 <b>hi</b>", "second line"), States.REFERENCE, "RFC 5321 §4.2"));
        CheckState bare = new CheckState(org.checkersmtp.rules.Status.CRIT, "no MX", "smtp.mx_present", null, null,
                java.util.Map.of(States.EVIDENCE, "one string"));
        Document report = Jsoup.parse(renderer.render(observation, List.of(hostile, bare)));

        List<Element> fixes = report.select("#what-to-fix > div.fix");
        assertThat(fixes).hasSize(2);
        Element crit = fixes.get(0);
        assertThat(crit.classNames()).containsExactlyInAnyOrder("fix", "CRIT");
        assertThat(crit.select(".label")).isEmpty();
        assertThat(crit.select("pre").text()).isEqualTo("one string");
        assertThat(crit.select(".meta").text()).isEqualTo("smtp.mx_present");

        Element warn = fixes.get(1);
        assertThat(warn.select("p").eachText()).containsExactly("WARN banner says <script>x</script>",
                "Fix: say \"hello\" & mean it", "Reproduce: swaks --server 'mx'",
                "smtp.banner_sanity · mx.example.org/192.0.2.25 · RFC 5321 §4.2");
        assertThat(warn.select("details pre").first().wholeText()).isEqualTo("220 <b>hi</b>\nsecond line");
        assertThat(report.select("#what-to-fix script, #what-to-fix b")).as("no text becomes markup").isEmpty();
    }

    /** A banner and replies with CSI, OSC, BEL, BS, CR and a right-to-left override (JSON escapes). */
    private static final String HOSTILE_CONTROLS = """
            {"domain":"example.org","run_at":"2026-04-21T12:34:56Z",
             "mx":{"records":[{"preference":10,"target":"mx1.example.org","ipv4":["192.0.2.25"],"resolution":"ok"}]},
             "endpoints":[
              {"target":"mx1.example.org","preference":10,"address":"192.0.2.25","family":"ipv4",
               "connect":{"ok":true,"time_ms":12},
               "greeting":{"reply":{"code":220,"lines":["mx1 \\u001b[2J\\u001b]0;owned\\u0007 ready\\u0008\\rOK \\u202etxt.exe"]},
                           "first_byte_ms":15,"final_line_ms":15},
               "ehlo":{"code":250,"lines":["mx1.example.org","SIZE\\u001b[1A 1000"]},
               "transcript":[{"dir":"S","t_ms":15,"line":"220 mx1 \\u001b[2J\\u001b]0;owned\\u0007 ready\\u0008\\rOK \\u202etxt.exe"},
                             {"dir":"S","t_ms":16,"line":"250 SIZE\\u001b[1A 1000"}],
               "end":{"reason":"completed","phase":"quit"},"duration_ms":40}],
             "coverage":{"ipv4_endpoints":1,"ipv6_endpoints":0,"ipv4_reachable":1,"ipv6_reachable":0},
             "schema_version":1,"duration_ms":40}
            """;

    @Test
    void controlAndFormatCharactersFromTheServerAreShownAsEscapes() {
        SmtpObservation hostile = GoJson.decode(HOSTILE_CONTROLS.getBytes(StandardCharsets.UTF_8), SmtpObservation.class);
        assertThat(hostile.endpoints().get(0).greeting().reply().lines().get(0)).contains("\u001b", "\r", "\u202e");
        String html = renderer.render(hostile, AllRules.evaluator().evaluate(hostile, RuleContext.EMPTY, null));

        assertThat(html).doesNotContain("\u001b", "\u0007", "\u0008", "\r", "\u202e");
        Document report = Jsoup.parse(html);
        assertThat(rows(report.selectFirst("#endpoints div.endpoint"))).contains(
                "Greeting | 220 mx1 \\x1b[2J\\x1b]0;owned\\x07 ready\\x08\\x0dOK \\u202etxt.exe after 15 ms");
        assertThat(report.select("#endpoints details pre span").eachText()).containsExactly(
                "[15 ms] S 220 mx1 \\x1b[2J\\x1b]0;owned\\x07 ready\\x08\\x0dOK \\u202etxt.exe", "[16 ms] S 250 SIZE\\x1b[1A 1000");

        PresentedCertificate leaf = new PresentedCertificate("CN=mx1\u001b]0;owned\u0007", "CN=CA\u202eAC", List.of(),
                null, Instant.parse("2027-01-01T00:00:00Z"), "ab12", "RSA", 2048, "SHA256withRSA");
        TlsEndpointPosture posture = new TlsEndpointPosture("mx1.example.org", 25, "192.0.2.25", "mx1.example.org", null,
                null, "TLSv1.3", "TLS_AES_128_GCM_SHA256", List.of(leaf), false, "bad\rchain", true, null, 59L, false,
                false, null, true, null, null, null, 120);
        String withTls = renderer.render(hostile.withTlsPosture(new TlsPosture(Instant.parse("2026-04-21T12:35:00Z"), 300,
                "system", "root", List.of(posture), List.of(), null, null, null)), List.of());
        assertThat(withTls).doesNotContain("\u001b", "\u0007", "\r", "\u202e");
        assertThat(Jsoup.parse(withTls).select("#tls-posture td").text())
                .contains("CN=mx1\\x1b]0;owned\\x07", "issued by CN=CA\\u202eAC", "invalid: bad\\x0dchain");
    }

    private static List<String> rows(Element endpoint) {
        return endpoint.select("table tr").stream()
                .map(tr -> tr.selectFirst("th").text() + " | " + tr.selectFirst("td").text()).toList();
    }
}
