package org.checkersmtp.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.checkersmtp.CheckerSmtpApplication;
import org.checkersmtp.json.GoJson;
import org.checkersmtp.observation.SmtpObservation;
import org.checkersmtp.report.HtmlReportRenderer;
import org.checkersmtp.rules.CheckState;
import org.checkersmtp.rules.RuleContext;
import org.checkersmtp.rules.RuleEvaluator;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.thymeleaf.ITemplateEngine;

/**
 * Benchmark 5, the HTML report's speed-up: the current renderer and the one of before issue 8
 * ({@link BaselineHtmlReportRenderer}) render the same report in alternating slices, and each is charged
 * the CPU time of its own thread. Interleaving gives both the same JIT warm-up and the same neighbours,
 * so the ratio holds where JMH's back-to-back runs on a shared machine do not.
 */
final class ReportSpeedup {

    static final Duration PER_FIXTURE = Duration.ofSeconds(20);
    private static final int SLICE = 5;

    private ReportSpeedup() {}

    static void run(Figures figures) {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(CheckerSmtpApplication.class)
                .web(WebApplicationType.NONE).logStartupInfo(false).run("--logging.level.root=WARN")) {
            HtmlReportRenderer current = context.getBean(HtmlReportRenderer.class);
            BaselineHtmlReportRenderer baseline = new BaselineHtmlReportRenderer(context.getBean(ITemplateEngine.class));
            RuleEvaluator evaluator = context.getBean(RuleEvaluator.class);
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            for (String fixture : ReportRequests.FIXTURES) {
                SmtpObservation observation = GoJson.decode(ReportRequests.observation(fixture), SmtpObservation.class);
                List<CheckState> states = evaluator.evaluate(observation, RuleContext.EMPTY, null);
                List<Supplier<String>> renderers = List.of(
                        () -> baseline.render(observation, states, Map.of()),
                        () -> current.render(observation, states));
                long[] cpuNanos = new long[2];
                long renders = 0;
                long end = System.nanoTime() + PER_FIXTURE.toNanos();
                while (System.nanoTime() < end) {
                    for (int r = 0; r < 2; r++) {
                        long before = threads.getCurrentThreadCpuTime();
                        for (int i = 0; i < SLICE; i++) {
                            renderers.get(r).get();
                        }
                        cpuNanos[r] += threads.getCurrentThreadCpuTime() - before;
                    }
                    renders += SLICE;
                }
                figures.add("5 HTML report speed-up", fixture + ": CPU per report, before / now",
                        Figures.ratio((double) cpuNanos[0] / cpuNanos[1]), String.format(java.util.Locale.ROOT,
                                "%.2f ms before, %.2f ms now, %d renders each, interleaved", cpuNanos[0] / 1e6 / renders,
                                cpuNanos[1] / 1e6 / renders, renders));
            }
        }
    }
}
