package org.checkersmtp.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.checkersmtp.CheckerSmtpApplication;
import org.checkersmtp.testsupport.ScriptedSmtpServer;
import org.checkersmtp.testsupport.ZoneDnsServer;
import org.checkersmtp.testsupport.realservers.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * An HA pair of Prometheus servers scraping two replicas that share a real redis-server: both scrape at once,
 * each through its own replica, and the domain's server sees one session; a later scrape of either replica
 * within the interval opens none.
 */
class ProbeAcrossReplicasTest {

    private static RedisServer redis;
    private static ScriptedSmtpServer mx;
    private static ZoneDnsServer dns;
    private static ConfigurableApplicationContext replicaA;
    private static ConfigurableApplicationContext replicaB;

    @BeforeAll
    static void start() throws Exception {
        redis = RedisServer.start();
        mx = ScriptedSmtpServer.builder().address(InetAddress.getByName("127.0.0.74")).port(0)
                .hostname("mx.ha.test").greetDelay(Duration.ofSeconds(1)).start();
        dns = new ZoneDnsServer("ha.test. 300 IN MX 10 mx.ha.test.\nmx.ha.test. 300 IN A 127.0.0.74");
        replicaA = replica();
        replicaB = replica();
    }

    @AfterAll
    static void stop() {
        for (ConfigurableApplicationContext replica : new ConfigurableApplicationContext[] {replicaA, replicaB}) {
            if (replica != null) {
                replica.close();
            }
        }
        for (AutoCloseable server : new AutoCloseable[] {redis, mx, dns}) {
            try {
                if (server != null) {
                    server.close();
                }
            } catch (Exception ignored) {
                // Best effort.
            }
        }
    }

    private static ConfigurableApplicationContext replica() {
        return new SpringApplicationBuilder(CheckerSmtpApplication.class).run(
                "--server.port=0",
                "--checker.shared-state=redis",
                "--spring.data.redis.host=127.0.0.1",
                "--spring.data.redis.port=" + redis.port(),
                "--checker.dns.servers=" + dns.address(),
                "--checker.smtp.port=" + mx.port(),
                "--checker.targets.allow-private=true",
                "--checker.security.users[0].username=alice",
                "--checker.security.users[0].password={noop}alice-secret",
                "--checker.exporter.modules.plain.tls-posture=false");
    }

    private static Scrapes.Scrape scrape(ConfigurableApplicationContext replica) {
        try {
            return new Scrapes(((WebServerApplicationContext) replica).getWebServer().getPort())
                    .get("?target=ha.test&module=plain", ProbeController.SCRAPE_TIMEOUT, "10");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void twoPrometheusServersScrapingTwoReplicasProbeTheDomainOnce() throws Exception {
        CompletableFuture<Scrapes.Scrape> a = CompletableFuture.supplyAsync(() -> scrape(replicaA));
        CompletableFuture<Scrapes.Scrape> b = CompletableFuture.supplyAsync(() -> scrape(replicaB));
        assertThat(a.get().get("checker_probe_mx_reachable", "mx", "mx.ha.test")).isEqualTo(1);
        assertThat(b.get().get("checker_probe_mx_reachable", "mx", "mx.ha.test")).isEqualTo(1);
        assertThat(mx.connections()).isEqualTo(1);
        assertThat(a.get().get("checker_probe_run_timestamp_seconds"))
                .isEqualTo(b.get().get("checker_probe_run_timestamp_seconds"));

        Scrapes.Scrape later = scrape(replicaB);
        assertThat(mx.connections()).isEqualTo(1);
        assertThat(later.get("checker_probe_result_age_seconds")).isPositive();
    }
}
