package org.checkersmtp.api;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.checkersmtp.check.CheckPipeline;
import org.checkersmtp.check.EntryPoint;
import org.checkersmtp.collect.CollectListener;
import org.checkersmtp.i18n.Catalogue;
import org.checkersmtp.json.GoJson;
import org.checkersmtp.observation.RelatedObservation;
import org.checkersmtp.observation.SmtpObservation;
import org.checkersmtp.options.CheckOptions;
import org.checkersmtp.options.InvalidOptionException;
import org.checkersmtp.options.OptionsParser;
import org.checkersmtp.report.HtmlReportRenderer;
import org.checkersmtp.report.MetricsExtractor;
import org.checkersmtp.rules.CheckState;
import org.checkersmtp.rules.RuleContext;
import org.checkersmtp.rules.RuleEvaluator;
import org.checkersmtp.tlsposture.TlsProbes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * happyDomain's remote-checker API, byte-compatible with checkers built on the Go SDK
 * (see docs/api.md and the wire contract). No authentication: run it on a trusted network.
 */
@RestController
public class CheckerApiController {

    private static final Logger log = LoggerFactory.getLogger(CheckerApiController.class);

    private final WorkTracker tracker;
    private final DefinitionFactory definitions;
    private final CheckPipeline pipeline;
    private final RuleEvaluator evaluator;
    private final HtmlReportRenderer htmlReport;
    private final MetricsExtractor metrics;
    private final ObservationLimits limits;
    private final Catalogue catalogue;

    public CheckerApiController(WorkTracker tracker, DefinitionFactory definitions, CheckPipeline pipeline,
                                RuleEvaluator evaluator, HtmlReportRenderer htmlReport, MetricsExtractor metrics,
                                ObservationLimits limits, Catalogue catalogue) {
        this.catalogue = catalogue;
        this.tracker = tracker;
        this.definitions = definitions;
        this.pipeline = pipeline;
        this.evaluator = evaluator;
        this.htmlReport = htmlReport;
        this.metrics = metrics;
        this.limits = limits;
    }

    @GetMapping("/health")
    public ResponseEntity<byte[]> health() {
        return json(HttpStatus.OK, new WireTypes.HealthResponse("ok", tracker.uptime().toNanos() / 1e9,
                Runtime.getRuntime().availableProcessors(), tracker.inflight(), tracker.total(),
                java.util.Arrays.stream(tracker.loadAverage()).boxed().toList()));
    }

    /** Vary: a cache between happyDomain and us must not hand it a French definition another caller asked for. */
    @GetMapping("/definition")
    public ResponseEntity<byte[]> definition(HttpServletRequest request) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).header(HttpHeaders.VARY,
                HttpHeaders.ACCEPT_LANGUAGE).body(GoJson.encode(
                definitions.definition(callersLanguage(request).orElse(Locale.ENGLISH))));
    }

    @PostMapping("/definition")
    public ResponseEntity<byte[]> precheck(HttpServletRequest request) {
        WireTypes.PrecheckRequest body = new WireTypes.PrecheckRequest(null);
        if (request.getContentLengthLong() != 0) {
            try {
                body = RequestBodies.decode(request, WireTypes.PrecheckRequest.class);
            } catch (InvalidBodyException e) {
                return json(HttpStatus.BAD_REQUEST, new WireTypes.ErrorResponse(e.getMessage()));
            }
        }
        Locale language = callersLanguage(request).orElse(Locale.ENGLISH);
        return json(HttpStatus.OK, new WireTypes.PrecheckResponse(definitions.definition(language),
                definitions.precheckFailures(body.options(), language)));
    }

    @PostMapping("/collect")
    public ResponseEntity<byte[]> collect(HttpServletRequest request) {
        WireTypes.CollectRequest body;
        try {
            body = RequestBodies.decode(request, WireTypes.CollectRequest.class);
        } catch (InvalidBodyException e) {
            return json(HttpStatus.BAD_REQUEST, new WireTypes.CollectResponse(null, null, e.getMessage()));
        }
        CheckOptions options;
        boolean examineTls;
        try {
            options = OptionsParser.parse(body.options());
            examineTls = OptionsParser.tlsPosture(body.options());
        } catch (InvalidOptionException e) {
            String error = callersLanguage(request).map(l -> e.text().in(catalogue, l)).orElse(e.getMessage());
            return json(HttpStatus.BAD_REQUEST, new WireTypes.CollectResponse(null, null, error));
        }
        SmtpObservation observation;
        try {
            observation = pipeline.collect(options, body.enabledRules(), examineTls, EntryPoint.API,
                    CollectListener.NONE);
        } catch (RuntimeException e) {
            log.error("collect failed for {}", options.domain(), e);
            return json(HttpStatus.INTERNAL_SERVER_ERROR,
                    new WireTypes.CollectResponse(null, null, JsonProblems.words(e.getMessage())));
        }
        List<WireTypes.DiscoveryEntry> entries = discoveryEntries(observation);
        return json(HttpStatus.OK, new WireTypes.CollectResponse(observation, entries.isEmpty() ? null : entries,
                null));
    }

    @PostMapping("/evaluate")
    public ResponseEntity<byte[]> evaluate(HttpServletRequest request) {
        WireTypes.EvaluateRequest body;
        try {
            body = RequestBodies.decode(request, WireTypes.EvaluateRequest.class);
        } catch (InvalidBodyException e) {
            return json(HttpStatus.BAD_REQUEST, new WireTypes.EvaluateResponse(null, e.getMessage()));
        }
        JsonNode raw = body.observations() == null ? null : body.observations().get(DefinitionFactory.OBSERVATION_KEY);
        List<CheckState> states;
        if (raw == null || raw.isNull()) {
            states = evaluator.unavailable(
                    "observation \"" + DefinitionFactory.OBSERVATION_KEY + "\" not available", body.enabledRules());
        } else {
            try {
                SmtpObservation observation = observation(raw, "observations." + DefinitionFactory.OBSERVATION_KEY);
                states = evaluator.evaluate(observation,
                        new RuleContext(body.options(), TlsProbes.withOwnFindings(Map.of(), observation)),
                        body.enabledRules());
            } catch (InvalidBodyException e) {
                return json(HttpStatus.BAD_REQUEST, new WireTypes.EvaluateResponse(null, e.getMessage()));
            }
        }
        states = inCallersLanguage(request, states);
        return json(HttpStatus.OK, new WireTypes.EvaluateResponse(states.isEmpty() ? null : states, null));
    }

    /** English unless the caller asks (Accept-Language): happyDomain and scripts read what they always read. */
    private List<CheckState> inCallersLanguage(HttpServletRequest request, List<CheckState> states) {
        Optional<Locale> language = callersLanguage(request);
        return language.isEmpty() ? states : states.stream().map(s -> s.in(catalogue, language.get())).toList();
    }

    /** The catalogue language the caller's Accept-Language names; none (English as always) without one. */
    private static Optional<Locale> callersLanguage(HttpServletRequest request) {
        return Catalogue.language(request.getHeader(HttpHeaders.ACCEPT_LANGUAGE));
    }

    @PostMapping("/report")
    public ResponseEntity<byte[]> report(HttpServletRequest request) {
        WireTypes.ReportRequest body;
        SmtpObservation observation;
        List<CheckState> states;
        Map<String, List<RelatedObservation>> related;
        try {
            body = RequestBodies.decode(request, WireTypes.ReportRequest.class);
            observation = observation(body.data(), "data");
            states = limits.states(body.states());
            related = TlsProbes.withOwnFindings(limits.related(body.related()), observation);
        } catch (InvalidBodyException e) {
            return json(HttpStatus.BAD_REQUEST, new WireTypes.ErrorResponse(e.getMessage()));
        }
        String accept = request.getHeader("Accept");
        if (accept == null || !accept.contains("text/html")) {
            return json(HttpStatus.OK, metrics.extract(observation));
        }
        if (states == null) {
            // A report without verdicts helps nobody: judge the observation the way /evaluate would.
            states = evaluator.evaluate(observation, new RuleContext(Map.of(), related), null);
        }
        try {
            // In the caller's language, the report's words and the states' messages and fixes alike.
            String page = htmlReport.render(observation, inCallersLanguage(request, states),
                    Catalogue.language(request.getHeader(HttpHeaders.ACCEPT_LANGUAGE)).orElse(Locale.ENGLISH));
            return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/html; charset=utf-8"))
                    .body(page.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            log.error("HTML report failed", e);
            return GoHttp.textError(HttpStatus.INTERNAL_SERVER_ERROR,
                    "failed to generate HTML report: " + JsonProblems.words(e.getMessage()));
        }
    }

    /** One tls.endpoint.v1 entry per MX host name, so that checker-tls examines its certificate. */
    static List<WireTypes.DiscoveryEntry> discoveryEntries(SmtpObservation observation) {
        return observation.mxHosts().stream().map(host -> new WireTypes.DiscoveryEntry("tls.endpoint.v1",
                host + ":25", new WireTypes.TlsEndpoint(host, 25, null, "smtp", false))).toList();
    }

    /** The observation at {@code path} of the body, decoded and held to what a collector can produce. */
    private SmtpObservation observation(JsonNode raw, String path) throws InvalidBodyException {
        if (raw != null) {
            limits.precheck(raw, path);
        }
        SmtpObservation observation = RequestBodies.observation(raw, path);
        limits.check(observation, path);
        return observation;
    }

    private static ResponseEntity<byte[]> json(HttpStatus status, Object body) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(GoJson.encode(body));
    }
}
