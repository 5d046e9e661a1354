package org.checkersmtp.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.checkersmtp.observation.EndpointProbe;
import org.checkersmtp.observation.SmtpObservation;
import org.springframework.stereotype.Component;

/** The observation's numbers as SDK metrics, one series per endpoint where it has one. */
@Component
public class MetricsExtractor {

    public List<CheckMetric> extract(SmtpObservation observation) {
        Instant at = observation.runAt() == null ? Instant.EPOCH : observation.runAt();
        Map<String, String> domain = Map.of("domain", observation.domain());
        List<CheckMetric> metrics = new ArrayList<>();
        metrics.add(new CheckMetric("smtp.mx_records", observation.mx().records().size(), "records", domain, at));
        metrics.add(new CheckMetric("smtp.endpoints", observation.endpoints().size(), "endpoints", domain, at));
        metrics.add(new CheckMetric("smtp.endpoints_reachable",
                observation.endpoints().stream().filter(EndpointProbe::connected).count(), "endpoints", domain, at));
        for (EndpointProbe e : observation.endpoints()) {
            Map<String, String> labels = new LinkedHashMap<>();
            labels.put("domain", observation.domain());
            labels.put("target", e.target());
            labels.put("address", e.address());
            labels.put("family", e.family() == null ? "" : e.family().name().toLowerCase());
            metrics.add(new CheckMetric("smtp.endpoint_reachable", e.connected() ? 1 : 0, null, labels, at));
            if (e.connected()) {
                metrics.add(new CheckMetric("smtp.connect_time", e.connect().timeMs() / 1000.0, "s", labels, at));
            }
            if (e.greeting() != null) {
                metrics.add(new CheckMetric("smtp.greeting_time", e.greeting().finalLineMs() / 1000.0, "s",
                        labels, at));
            }
            if (e.starttls() != null && e.starttls().handshakeOk()) {
                metrics.add(new CheckMetric("smtp.tls_handshake_time", e.starttls().handshakeMs() / 1000.0, "s",
                        labels, at));
            }
            metrics.add(new CheckMetric("smtp.session_time", e.durationMs() / 1000.0, "s", labels, at));
        }
        return metrics;
    }
}
