package org.checkersmtp.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.checkersmtp.json.GoJson;
import org.checkersmtp.testsupport.realservers.RealServers;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The operator's kit under config/: Prometheus accepts the scrape config and the alerting rules, the
 * rules fire (and stay quiet) as alerts-test.yml says, and the Grafana dashboard is a dashboard whose every
 * panel queries something. That the series they name exist is PrometheusSeriesTest's part (it has a scrape).
 */
class ConfigKitTest {

    private static final Path CONFIG = Path.of("config");

    private static String promtool(String... args) {
        Path promtool = RealServers.binary("promtool", "/usr/bin/promtool");
        List<String> command = new ArrayList<>(List.of(promtool.toString()));
        command.addAll(List.of(args));
        return RealServers.run(command, Duration.ofSeconds(60));
    }

    @Test
    void prometheusAcceptsTheAlertingRules() {
        assertThat(promtool("check", "rules", CONFIG.resolve("alerts.yml").toString())).contains("SUCCESS: 7 rules found");
    }

    @Test
    void theAlertsFireAsTheirUnitTestsSay() {
        assertThat(promtool("test", "rules", CONFIG.resolve("alerts-test.yml").toString())).contains("SUCCESS");
    }

    @Test
    void prometheusAcceptsTheDomainAlertingRules() {
        assertThat(promtool("check", "rules", CONFIG.resolve("domain-alerts.yml").toString()))
                .contains("SUCCESS: 6 rules found");
    }

    @Test
    void theDomainAlertsFireAsTheirUnitTestsSay() {
        assertThat(promtool("test", "rules", CONFIG.resolve("domain-alerts-test.yml").toString())).contains("SUCCESS");
    }

    @Test
    void prometheusAcceptsTheScrapeConfigAndItsRuleFiles() {
        assertThat(promtool("check", "config", CONFIG.resolve("prometheus.yml").toString()))
                .contains("SUCCESS: 2 rule files found").contains("is valid prometheus config file syntax");
    }

    @Test
    void theDashboardIsValidAndEveryPanelQueriesPrometheus() throws Exception {
        JsonNode dashboard = GoJson.mapper().readTree(Files.readString(CONFIG.resolve("grafana-dashboard.json")));
        assertThat(dashboard.get("uid").asString()).isEqualTo("checker-smtp");
        assertThat(dashboard.get("panels").size()).isGreaterThanOrEqualTo(10);
        Set<String> titles = new HashSet<>();
        for (JsonNode panel : dashboard.get("panels")) {
            String title = panel.get("title").asString();
            assertThat(titles.add(title)).as("one panel per title: " + title).isTrue();
            assertThat(panel.get("datasource").get("uid").asString()).as(title).isEqualTo("${datasource}");
            assertThat(panel.get("targets").size()).as(title).isPositive();
            for (JsonNode target : panel.get("targets")) {
                // A replica's panels select $instance; the domains view's (instance = the domain) select $domain.
                assertThat(target.get("expr").asString()).as(title).isNotBlank()
                        .containsAnyOf("$instance", "$domain");
            }
        }
    }
}
