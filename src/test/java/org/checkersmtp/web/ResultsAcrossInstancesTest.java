package org.checkersmtp.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.checkersmtp.CheckerSmtpApplication;
import org.checkersmtp.testsupport.ScriptedSmtpServer;
import org.checkersmtp.testsupport.ZoneDnsServer;
import org.checkersmtp.testsupport.realservers.RealServers;
import org.checkersmtp.testsupport.realservers.RedisServer;
import org.h2.mvstore.MVStore;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Where results live, with whole application contexts: a single instance on a results directory is
 * stopped and started again and still serves the permalink (and its history), and a value damaged on disk
 * in between answers an error page; two replicas on one real redis-server serve each other's permalinks,
 * public ones to a stranger too.
 */
class ResultsAcrossInstancesTest {

    private static ZoneDnsServer dns;
    private static ScriptedSmtpServer mx;

    @BeforeAll
    static void servers() throws Exception {
        dns = new ZoneDnsServer(String.join("\n",
                "lasting.test. 300 IN MX 10 mx.lasting.test.",
                "mx.lasting.test. 300 IN A 127.0.0.72"));
        mx = ScriptedSmtpServer.builder().address(InetAddress.getByName("127.0.0.72")).port(0)
                .hostname("mx.lasting.test").greeting("220 mx.lasting.test ESMTP").starttls()
                .reply("RCPT TO:<postmaster@example.com>", "554 5.7.1 Relay access denied").start();
    }

    @AfterAll
    static void stop() {
        mx.close();
        dns.close();
    }

    private static ConfigurableApplicationContext instance(String... more) {
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=0",
                "--checker.security.users[0].username=alice",
                "--checker.security.users[0].password={noop}alice-secret",
                "--checker.targets.allow-private=true",
                "--checker.dns.servers=" + dns.address(),
                "--checker.smtp.port=" + mx.port(),
                "--checker.probe.result-cache=0s"));
        arguments.addAll(List.of(more));
        return new SpringApplicationBuilder(CheckerSmtpApplication.class).run(arguments.toArray(String[]::new));
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    private static String check(PageBrowser browser) throws Exception {
        HttpResponse<String> page = browser.post("/check", "domain", "lasting.test", "_csrf", browser.csrf());
        assertThat(page.statusCode()).isEqualTo(200);
        return Jsoup.parse(page.body()).select("#permalink-link").attr("href");
    }

    @Test
    void aSingleInstanceStoppedAndStartedAgainStillServesThePermalink() throws Exception {
        Path directory = Files.createTempDirectory("checker-results-");
        try {
            String permalink;
            try (ConfigurableApplicationContext first = instance("--checker.results.directory=" + directory)) {
                PageBrowser alice = new PageBrowser(port(first));
                alice.login("alice", "alice-secret");
                permalink = check(alice);
                assertThat(alice.get(permalink).statusCode()).isEqualTo(200);
            }
            try (ConfigurableApplicationContext second = instance("--checker.results.directory=" + directory)) {
                PageBrowser alice = new PageBrowser(port(second));
                alice.login("alice", "alice-secret");
                HttpResponse<String> page = alice.get(permalink);
                assertThat(page.statusCode()).isEqualTo(200);
                assertThat(Jsoup.parse(page.body()).select("h1").text()).isEqualTo("Result for lasting.test");
                assertThat(Jsoup.parse(alice.get("/r").body()).select("#history a").eachAttr("href"))
                        .containsExactly(permalink);
                assertThat(new PageBrowser(port(second)).get(permalink).statusCode()).isEqualTo(404);
            }
        } finally {
            RealServers.deleteRecursively(directory);
        }
    }

    @Test
    void aValueDamagedOnDiskAnswersAnErrorPage_andCanStillBeDeleted() throws Exception {
        Path directory = Files.createTempDirectory("checker-results-");
        try {
            String permalink;
            try (ConfigurableApplicationContext first = instance("--checker.results.directory=" + directory)) {
                PageBrowser alice = new PageBrowser(port(first));
                alice.login("alice", "alice-secret");
                permalink = check(alice);
            }
            String id = permalink.substring("/r/".length());
            try (MVStore file = MVStore.open(directory.resolve("results.mv.db").toString())) {
                file.<String, String>openMap("check.values").put(id, "{\"id\":\"" + id + "\",\"observation\":{\"mx\":[");
                file.commit();
            }
            try (ConfigurableApplicationContext second = instance("--checker.results.directory=" + directory)) {
                PageBrowser alice = new PageBrowser(port(second));
                alice.login("alice", "alice-secret");
                HttpResponse<String> page = alice.get(permalink);
                assertThat(page.statusCode()).isEqualTo(500);
                assertThat(Jsoup.parse(page.body()).select("h1").text()).isEqualTo("This result cannot be shown");
                assertThat(page.body()).doesNotContain("Exception", "tools.jackson", "at org.");
                assertThat(alice.post(permalink + "/delete", "_csrf", alice.csrf()).statusCode()).isEqualTo(302);
                assertThat(alice.get(permalink).statusCode()).isEqualTo(404);
            }
        } finally {
            RealServers.deleteRecursively(directory);
        }
    }

    @Test
    void aResultOverTheSizeLimitIsShownButNotStored_andThePageSaysSo() throws Exception {
        try (ConfigurableApplicationContext small = instance("--checker.results.directory=",
                "--checker.results.max-size=1KB")) {
            PageBrowser alice = new PageBrowser(port(small));
            alice.login("alice", "alice-secret");
            HttpResponse<String> page = alice.post("/check", "domain", "lasting.test", "_csrf", alice.csrf());

            org.jsoup.nodes.Document result = Jsoup.parse(page.body());
            assertThat(result.select("iframe.report")).hasSize(1);
            assertThat(result.select("#permalink")).isEmpty();
            assertThat(result.select("#not-stored").text()).isEqualTo(
                    "This result is too big to keep: it has no permalink and will not be in your history.");
            assertThat(Jsoup.parse(alice.get("/r").body()).select("#history-empty").text())
                    .isEqualTo("No stored result yet.");
        }
    }

    @Test
    void twoReplicasOnRedisServeEachOthersPermalinks() throws Exception {
        try (RedisServer redis = RedisServer.start();
             ConfigurableApplicationContext a = instance("--checker.shared-state=redis",
                     "--spring.data.redis.host=127.0.0.1", "--spring.data.redis.port=" + redis.port());
             ConfigurableApplicationContext b = instance("--checker.shared-state=redis",
                     "--spring.data.redis.host=127.0.0.1", "--spring.data.redis.port=" + redis.port())) {
            PageBrowser onA = new PageBrowser(port(a));
            onA.login("alice", "alice-secret");
            String permalink = check(onA);
            PageBrowser onB = new PageBrowser(port(b));
            onB.login("alice", "alice-secret");

            assertThat(onB.get(permalink).statusCode()).isEqualTo(200);
            assertThat(onB.get(permalink + ".json").statusCode()).isEqualTo(200);
            assertThat(new PageBrowser(port(b)).get(permalink).statusCode()).isEqualTo(404);
            onB.post(permalink + "/public", "_csrf", onB.csrf());
            assertThat(new PageBrowser(port(a)).get(permalink).statusCode()).isEqualTo(200);
            String second = check(onB);
            assertThat(Jsoup.parse(onA.get(second).body()).select("#previous-link").attr("href")).isEqualTo(permalink);

            a.getBean(StringRedisTemplate.class).opsForValue().set("checker:results:check:"
                    + permalink.substring("/r/".length()), "\u0000 not a result");
            HttpResponse<String> damaged = onB.get(permalink);
            assertThat(damaged.statusCode()).isEqualTo(500);
            assertThat(Jsoup.parse(damaged.body()).select("h1").text()).isEqualTo("This result cannot be shown");
        }
    }
}
