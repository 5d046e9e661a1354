package org.checkersmtp.bench;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.checkersmtp.CheckerSmtpApplication;
import org.checkersmtp.json.GoJson;
import org.checkersmtp.observation.SmtpObservation;
import org.checkersmtp.report.HtmlReportRenderer;
import org.checkersmtp.report.MetricsExtractor;
import org.checkersmtp.rules.CheckState;
import org.checkersmtp.rules.RuleContext;
import org.checkersmtp.rules.RuleEvaluator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.thymeleaf.ITemplateEngine;

/**
 * Benchmark 5 in-process (JMH): the stages behind /evaluate and /report, with the beans of the real
 * application context (the same Thymeleaf engine and rules the jar uses), one thread, operations per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ReportBenchmark {

    @Param({"two-endpoints", "twenty-endpoints"})
    public String fixture;

    private ConfigurableApplicationContext context;
    private RuleEvaluator evaluator;
    private HtmlReportRenderer html;
    private BaselineHtmlReportRenderer baseline;
    private MetricsExtractor metrics;
    private byte[] json;
    private SmtpObservation observation;
    private List<CheckState> states;

    @Setup
    public void start() {
        context = new SpringApplicationBuilder(CheckerSmtpApplication.class).web(WebApplicationType.NONE)
                .logStartupInfo(false).run("--logging.level.root=WARN");
        evaluator = context.getBean(RuleEvaluator.class);
        html = context.getBean(HtmlReportRenderer.class);
        baseline = new BaselineHtmlReportRenderer(context.getBean(ITemplateEngine.class));
        metrics = context.getBean(MetricsExtractor.class);
        json = ReportRequests.observation(fixture);
        observation = GoJson.decode(json, SmtpObservation.class);
        states = evaluator.evaluate(observation, RuleContext.EMPTY, null);
    }

    @TearDown
    public void stop() {
        context.close();
    }

    /** Reading the observation, as every /evaluate and /report request does first. */
    @Benchmark
    public SmtpObservation decodeObservation() {
        return GoJson.decode(json, SmtpObservation.class);
    }

    @Benchmark
    public List<CheckState> evaluate() {
        return evaluator.evaluate(observation, RuleContext.EMPTY, null);
    }

    /** The metrics report, encoded as the response body. */
    @Benchmark
    public byte[] metricsReport() {
        return GoJson.encode(metrics.extract(observation));
    }

    @Benchmark
    public String htmlReport() {
        return html.render(observation, states);
    }

    /** The same report by the renderer of before issue 8 (ReportSpeedup gives the ratio, interleaved). */
    @Benchmark
    public String htmlReportBaseline() {
        return baseline.render(observation, states, Map.of());
    }
}
