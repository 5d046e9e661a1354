package org.checkersmtp.check;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.function.Function;
import org.checkersmtp.collect.CollectListener;
import org.checkersmtp.collect.SmtpCollector;
import org.checkersmtp.observation.SmtpObservation;
import org.checkersmtp.options.CheckOptions;
import org.checkersmtp.rules.ProbePlan;
import org.checkersmtp.rules.RuleContext;
import org.checkersmtp.rules.RuleEvaluator;
import org.checkersmtp.rules.Status;
import org.checkersmtp.tlsposture.TlsPostureService;
import org.checkersmtp.tlsposture.TlsProbes;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * The pipeline every entry point shares (design.md): options → collect (and the TLS sibling when asked)
 * → evaluate. happyDomain's /collect stops after the collect; the /check page and the command line run
 * the whole of it. One place, so that what a check does (and what is measured of it: every check is
 * told to the {@link CheckObserver}, the metrics) cannot differ between entry points.
 */
@Service
public class CheckPipeline {

    /**
     * No budget of the caller's: longer than any configured deadline, so the collect and the TLS sibling each
     * keep their own (a budget only ever shortens them).
     */
    private static final Duration UNBOUNDED = ChronoUnit.FOREVER.getDuration();

    private final SmtpCollector collector;
    private final ProbePlan probePlan;
    /** Made on the first check that asks for it: a command line with --no-tls-posture never loads the trust store. */
    private final ObjectProvider<TlsPostureService> tlsPosture;
    private final RuleEvaluator evaluator;
    private final CheckObserver observer;

    public CheckPipeline(SmtpCollector collector, ProbePlan probePlan, ObjectProvider<TlsPostureService> tlsPosture,
                         RuleEvaluator evaluator, ObjectProvider<CheckObserver> observer) {
        this.collector = collector;
        this.probePlan = probePlan;
        this.tlsPosture = tlsPosture;
        this.evaluator = evaluator;
        this.observer = observer.getIfAvailable(() -> CheckObserver.NONE);
    }

    /**
     * The observation, with the probes only disabled rules would judge skipped and, when
     * {@code examineTls}, the TLS sibling's findings inside it.
     */
    public SmtpObservation collect(CheckOptions options, Map<String, Boolean> enabledRules, boolean examineTls,
                                   EntryPoint entryPoint, CollectListener listener) {
        return observed(entryPoint,
                run -> collect(options, enabledRules, examineTls, run.andThen(listener), UNBOUNDED),
                observation -> null);
    }

    /** Everything: collect, the TLS sibling, then every rule with the related findings (the SDK's /check). */
    public CheckResult check(CheckOptions options, EntryPoint entryPoint, CollectListener listener) {
        return check(options, true, entryPoint, listener);
    }

    /** As {@link #check(CheckOptions, EntryPoint, CollectListener)}, the TLS sibling only when {@code examineTls}. */
    public CheckResult check(CheckOptions options, boolean examineTls, EntryPoint entryPoint,
                             CollectListener listener) {
        return check(options, examineTls, entryPoint, listener, UNBOUNDED);
    }

    /**
     * As {@link #check(CheckOptions, boolean, EntryPoint, CollectListener)}, over by {@code budget}: the collect
     * and then the TLS sibling share it (each within its own configured deadline too), and what it cuts short
     * reads {@code incomplete} in the observation (the exporter's scrape deadline).
     */
    public CheckResult check(CheckOptions options, boolean examineTls, EntryPoint entryPoint,
                             CollectListener listener, Duration budget) {
        return observed(entryPoint, run -> {
            SmtpObservation observation = collect(options, Map.of(), examineTls, run.andThen(listener), budget);
            var related = TlsProbes.withOwnFindings(Map.of(), observation);
            return new CheckResult(observation, related,
                    evaluator.evaluate(observation, new RuleContext(Map.of(), related), null));
        }, CheckResult::verdict);
    }

    private SmtpObservation collect(CheckOptions options, Map<String, Boolean> enabledRules, boolean examineTls,
                                    CollectListener listener, Duration budget) {
        CheckOptions planned = probePlan.apply(options, enabledRules);
        SmtpObservation observation = collector.collect(planned, listener, budget);
        if (!examineTls) {
            return observation;
        }
        TlsPostureService sibling = tlsPosture.getObject();
        Duration left = budget.minusMillis(observation.durationMs());
        Duration tls = left.compareTo(sibling.defaultBudget()) < 0 ? left : sibling.defaultBudget();
        return observation.withTlsPosture(sibling.examine(observation, tls.isNegative() ? Duration.ZERO : tls));
    }

    /** Runs one check told to the observer: its events, then how it ended. */
    private <T> T observed(EntryPoint entryPoint, Function<CheckObserver.Run, T> check,
                           Function<T, Status> verdict) {
        CheckObserver.Run run = observer.started(entryPoint);
        T result;
        try {
            result = check.apply(run);
        } catch (RuntimeException | Error e) {
            run.failed(e);
            throw e;
        }
        run.finished(verdict.apply(result));
        return result;
    }
}
