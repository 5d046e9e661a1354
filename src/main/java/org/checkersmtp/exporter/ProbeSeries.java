package org.checkersmtp.exporter;

import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The series of one {@code /probe} answer, as Prometheus client snapshots (written by its exposition writers,
 * text 0.0.4 or OpenMetrics). No {@code instance} label: the scrape config sets it from the target. The names,
 * labels and the state mapping are documented in docs/deployment.md ("Watching mail domains").
 */
final class ProbeSeries {

    private ProbeSeries() {}

    static MetricSnapshots of(ProbeFacts facts, Duration age, String module) {
        List<MetricSnapshot> all = new ArrayList<>();
        all.add(InfoSnapshot.builder().name("checker_probe").help("The module this target was probed with.")
                .dataPoint(InfoSnapshot.InfoDataPointSnapshot.builder().labels(Labels.of("module", module)).build())
                .build());
        all.add(gauge("checker_probe_success", null,
                "1 when the check ran and tested something; 0 when it was refused, failed, its MX lookup failed, "
                        + "or no address could be contacted.", facts.success() ? 1 : 0));
        if (facts.refused() != null) {
            all.add(gauge("checker_probe_refused", null,
                    "1: the target was not probed, and nothing was sent to it (allowed_domains, target_policy).",
                    List.of(point(Labels.of("reason", facts.refused()), 1))));
            return new MetricSnapshots(all);
        }
        all.add(gauge("checker_probe_incomplete", null,
                "1 when a deadline (the scrape's, or the collect's) cut the check short: its facts are partial.",
                facts.incomplete() ? 1 : 0));
        all.add(gauge("checker_probe_duration_seconds", Unit.SECONDS, "How long the check took.", facts.duration()));
        all.add(gauge("checker_probe_run_timestamp_seconds", Unit.SECONDS, "When the check started.",
                facts.runAt()));
        all.add(gauge("checker_probe_result_age_seconds", Unit.SECONDS,
                "How long ago the check answered here ran (0: this scrape ran it; checker.exporter.min-interval).",
                age.toMillis() / 1000.0));
        all.add(gauge("checker_probe_verdict_state", null,
                "The headline state: 0 unknown, 1 ok, 2 info, 3 warn, 4 crit, 5 error.", facts.verdict()));
        all.add(gauge("checker_probe_rule_state", null,
                "The worst state of each rule: 0 unknown, 1 ok, 2 info, 3 warn, 4 crit, 5 error.",
                facts.rules().entrySet().stream().map(r -> point(Labels.of("rule", r.getKey()), r.getValue()))
                        .toList()));
        all.add(gauge("checker_probe_mx_hosts", null,
                "MX host names of the domain; the mx series cover the first checker.exporter.max-mx-hosts of them.",
                facts.mxHosts()));
        mx(all, facts, "checker_probe_mx_reachable", null, "1 when every address of the MX host in this family "
                + "accepts connections on port 25, 0 when one does not.", ProbeFacts.Mx::reachable);
        mx(all, facts, "checker_probe_mx_starttls_offered", null,
                "1 when every address of the MX host in this family offers STARTTLS, 0 when one does not.",
                ProbeFacts.Mx::starttlsOffered);
        mx(all, facts, "checker_probe_mx_open_relay", null,
                "1 when an address of the MX host in this family relays mail from outside to outside.",
                ProbeFacts.Mx::openRelay);
        mx(all, facts, "checker_probe_mx_postmaster_accepted", null,
                "1 when every address accepts RCPT TO:<postmaster@domain>, 0 when one refuses it.",
                ProbeFacts.Mx::postmasterAccepted);
        mx(all, facts, "checker_probe_mx_null_sender_accepted", null,
                "1 when every address accepts MAIL FROM:<> (bounces), 0 when one refuses it.",
                ProbeFacts.Mx::nullSenderAccepted);
        mx(all, facts, "checker_probe_mx_certificate_not_after_timestamp_seconds", Unit.SECONDS,
                "The soonest not-after of the STARTTLS certificates of the MX host's addresses in this family.",
                ProbeFacts.Mx::certificateNotAfter);
        return new MetricSnapshots(all);
    }

    /** One series per MX host and family that has the fact; none when no address could tell. */
    private static void mx(List<MetricSnapshot> all, ProbeFacts facts, String name, Unit unit, String help,
                           Function<ProbeFacts.Mx, ? extends Number> fact) {
        List<GaugeDataPointSnapshot> points = facts.mx().stream().filter(m -> fact.apply(m) != null)
                .map(m -> point(Labels.of("mx", m.host(), "family", m.family()), fact.apply(m).doubleValue()))
                .toList();
        all.add(gauge(name, unit, help, points));
    }

    private static GaugeSnapshot gauge(String name, Unit unit, String help, double value) {
        return gauge(name, unit, help, List.of(point(Labels.EMPTY, value)));
    }

    private static GaugeSnapshot gauge(String name, Unit unit, String help, List<GaugeDataPointSnapshot> points) {
        GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(name).help(help);
        if (unit != null) {
            b.unit(unit);
        }
        points.forEach(b::dataPoint);
        return b.build();
    }

    private static GaugeDataPointSnapshot point(Labels labels, double value) {
        return GaugeDataPointSnapshot.builder().labels(labels).value(value).build();
    }
}
