package org.checkersmtp.exporter;

import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.checkersmtp.options.CheckOptions;
import org.checkersmtp.options.InvalidOptionException;
import org.checkersmtp.options.OptionsParser;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /probe?target=DOMAIN[&module=NAME]}: Prometheus' multi-target exporter pattern. Bad input is a
 * 400 naming the parameter, before anything reaches DNS; a refused target is a 200 saying so; a check cut by
 * the scrape's deadline is a 200 with {@code checker_probe_incomplete 1}. With {@code keep=true} (a link an
 * alert carries) the check is stored as a public result and the answer is a 303 to {@code /r/{id}}; what
 * cannot be stored (refused, failed, too big) answers as a scrape.
 */
@RestController
public class ProbeController {

    static final String SCRAPE_TIMEOUT = "X-Prometheus-Scrape-Timeout-Seconds";
    private static final ExpositionFormatWriter TEXT = PrometheusTextFormatWriter.create();
    private static final ExpositionFormatWriter OPEN_METRICS = OpenMetricsTextFormatWriter.create();

    private final ProbeModules modules;
    private final TargetProbes probes;
    private final Duration timeoutOffset;

    public ProbeController(ProbeModules modules, TargetProbes probes, ExporterProperties properties) {
        this.modules = modules;
        this.probes = probes;
        this.timeoutOffset = properties.timeoutOffset();
    }

    @GetMapping("/probe")
    public ResponseEntity<byte[]> probe(@RequestParam(required = false) String target,
                                        @RequestParam(required = false) String module,
                                        @RequestParam(required = false) String keep,
                                        @RequestHeader(name = SCRAPE_TIMEOUT, required = false) String scrapeTimeout,
                                        @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept)
            throws IOException {
        String name = module == null || module.isEmpty() ? ProbeModules.DEFAULT : module;
        ProbeModules.Module chosen = modules.get(name).orElse(null);
        if (chosen == null) {
            return badRequest("module: unknown module \"" + name + "\" (configured: "
                    + String.join(", ", modules.names()) + ")");
        }
        if (target == null || target.isEmpty()) {
            return badRequest("target: is required (the domain to check)");
        }
        CheckOptions options;
        try {
            options = chosen.optionsFor(target);
        } catch (InvalidOptionException e) {
            return badRequest((e.option().equals(OptionsParser.DOMAIN) ? "target" : "module " + name + ": "
                    + e.option()) + ": " + e.reason());
        }
        Optional<Duration> budget;
        try {
            budget = budget(scrapeTimeout);
        } catch (NumberFormatException e) {
            return badRequest(SCRAPE_TIMEOUT + ": must be a positive number of seconds, got \"" + scrapeTimeout
                    + "\"");
        }
        if (keep != null && !keep.equals("true") && !keep.equals("false")) {
            return badRequest("keep: must be true or false, got \"" + keep + "\"");
        }
        TargetProbes.Answer answer;
        if ("true".equals(keep)) {
            TargetProbes.Kept kept = probes.keep(options, chosen.tlsPosture(), budget);
            if (kept.id().isPresent()) {
                return ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create("/r/" + kept.id().get()))
                        .build();
            }
            answer = kept.answer();
        } else {
            answer = probes.probe(options, chosen.tlsPosture(), budget);
        }
        ExpositionFormatWriter writer = accept != null && OPEN_METRICS.accepts(accept) ? OPEN_METRICS : TEXT;
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        writer.write(body, ProbeSeries.of(answer.facts(), answer.age(), name));
        return ResponseEntity.ok().header(HttpHeaders.CONTENT_TYPE, writer.getContentType()).body(body.toByteArray());
    }

    /**
     * The scrape's timeout less the offset, so the answer is written before Prometheus gives up; without the
     * header (a person with curl), the service's own deadlines alone.
     */
    private Optional<Duration> budget(String scrapeTimeout) {
        if (scrapeTimeout == null) {
            return Optional.empty();
        }
        double seconds = Double.parseDouble(scrapeTimeout.strip());
        if (!(seconds > 0) || Double.isInfinite(seconds)) {
            throw new NumberFormatException(scrapeTimeout);
        }
        Duration budget = Duration.ofMillis(Math.round(seconds * 1000)).minus(timeoutOffset);
        return Optional.of(budget.isNegative() ? Duration.ZERO : budget);
    }

    private static ResponseEntity<byte[]> badRequest(String reason) {
        return ResponseEntity.status(HttpStatus.BAD_REQUEST).contentType(MediaType.TEXT_PLAIN)
                .body((reason + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
