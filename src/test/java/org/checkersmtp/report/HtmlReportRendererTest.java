package org.checkersmtp.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.checkersmtp.json.GoJson;
import org.checkersmtp.observation.SmtpObservation;
import org.checkersmtp.rules.AllRules;
import org.checkersmtp.rules.CheckState;
import org.checkersmtp.rules.RuleContext;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

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

    private final HtmlReportRenderer renderer = new HtmlReportRenderer(engine());
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
                "Family | IPV4",
                "Reverse DNS | mx1.example.org (forward-confirmed)",
                "TCP connect | ok in 12 ms",
                "Greeting | 220 mx1.example.org ESMTP <script>alert(1)</script> after 15 ms",
                "EHLO | 250 PIPELINING, SIZE 1000, STARTTLS",
                "STARTTLS | TLSv1.3 TLS_AES_128_GCM_SHA256",
                "Certificate | CN=mx1.example.org issued by CN=Test CA, expires 2027-01-01T00:00:00Z",
                "NULL_SENDER | MAIL FROM:<> → 250 Ok RCPT TO:<postmaster@example.org> → 250 Ok",
                "OPEN_RELAY | MAIL FROM:<postmaster@example.com> → 250 Ok (connection lost)",
                "Session | CONNECTION_CLOSED in mail: closed by the server · 40 ms");
    }

    @Test
    void anEndpointThatNeverAnsweredShowsOnlyWhatIsKnown() {
        Element down = page.select("#endpoints div.endpoint").get(1);
        assertThat(rows(down)).containsExactly(
                "Family | IPV6",
                "TCP connect | failed: TIMEOUT no answer in 12000 ms",
                "Session | CONNECT_FAILED in connect · 12000 ms");
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

    private static List<String> rows(Element endpoint) {
        return endpoint.select("table tr").stream()
                .map(tr -> tr.selectFirst("th").text() + " | " + tr.selectFirst("td").text()).toList();
    }

    /** The engine as Spring Boot configures it: templates/ on the classpath, HTML mode, SpEL. */
    private static SpringTemplateEngine engine() {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("templates/");
        resolver.setSuffix(".html");
        resolver.setCharacterEncoding("UTF-8");
        SpringTemplateEngine engine = new SpringTemplateEngine();
        engine.setTemplateResolver(resolver);
        return engine;
    }
}
