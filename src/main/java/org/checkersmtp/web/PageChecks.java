package org.checkersmtp.web;

import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.checkersmtp.api.JsonProblems;
import org.checkersmtp.cache.ResultCache;
import org.checkersmtp.check.CheckPipeline;
import org.checkersmtp.check.CheckResult;
import org.checkersmtp.check.EntryPoint;
import org.checkersmtp.collect.CollectListener;
import org.checkersmtp.collect.CollectorProperties;
import org.checkersmtp.collect.SmtpCollector;
import org.checkersmtp.json.GoJson;
import org.checkersmtp.rules.KeptJson;
import org.checkersmtp.observation.OptionalProbe;
import org.checkersmtp.observation.SmtpObservation;
import org.checkersmtp.options.CheckOptions;
import org.checkersmtp.i18n.Text;
import org.checkersmtp.options.InvalidOptionException;
import org.checkersmtp.options.OptionsParser;
import org.checkersmtp.ownership.OwnershipProperties;
import org.checkersmtp.ownership.ProvenDomains;
import org.checkersmtp.ratelimit.CheckRateLimiter;
import org.checkersmtp.results.Results;
import org.checkersmtp.results.StoredResult;
import org.checkersmtp.tlsposture.TlsPostureProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * The checks of the /check page, whichever way the page asks (a plain POST or the streamed one): first
 * what costs nothing — the options as the API validates them, the domain allow-list, the user's proven
 * domains when the instance asks for them (a due re-check costs one TXT lookup), room for one more
 * running check — then the user's and the address's allowances, then the result cache, and only then
 * the pipeline (collect, TLS sibling, every rule).
 */
@Service
public class PageChecks {

    private static final Logger log = LoggerFactory.getLogger(PageChecks.class);

    /** Beyond the collect and TLS deadlines: DNS stragglers, the rules, the report. */
    private static final Duration MARGIN = Duration.ofSeconds(10);

    private final CheckPipeline pipeline;
    private final SmtpCollector collector;
    private final CheckRateLimiter limiter;
    private final ResultCache cache;
    private final Results stored;
    private final ProvenDomains proofs;
    private final OwnershipProperties.Targets ownership;
    private final Semaphore running;
    private final Duration deadline;

    public PageChecks(CheckPipeline pipeline, SmtpCollector collector, CheckRateLimiter limiter, ResultCache cache,
                      Results stored, ProvenDomains proofs, OwnershipProperties ownership,
                      CollectorProperties collect, TlsPostureProperties tls, WebProperties web) {
        this.pipeline = pipeline;
        this.collector = collector;
        this.limiter = limiter;
        this.cache = cache;
        this.stored = stored;
        this.proofs = proofs;
        this.ownership = ownership.targets();
        this.running = new Semaphore(web.maxRunningChecks());
        this.deadline = collect.probe().collectTimeout().plus(tls.tls().timeout()).plus(MARGIN);
    }

    /** The longest a check of the page may take: the collect and TLS deadlines and a margin. */
    Duration deadline() {
        return deadline;
    }

    /**
     * Lets the check in, or refuses it before anything reaches the network.
     *
     * @throws CheckRefused an invalid option (400), a domain outside the allow-list (403), no room (503)
     * @throws org.checkersmtp.ratelimit.RateLimitExceededException over an allowance (429)
     */
    Admitted admit(CheckForm form, String user, InetAddress client) {
        CheckOptions options;
        try {
            options = form.parse();
        } catch (InvalidOptionException e) {
            throw new CheckRefused(form, HttpStatus.BAD_REQUEST, e.option(), CheckRefused.optionError(e));
        }
        collector.domainRefusal(options.domain()).ifPresent(reason -> {
            throw new CheckRefused(form, HttpStatus.FORBIDDEN, OptionsParser.DOMAIN,
                    Text.of("page.refused.policy", "reason", reason));
        });
        ownershipRefusal(form, options, user);
        if (!running.tryAcquire()) {
            throw CheckRefused.busy(form);
        }
        try {
            limiter.acquire(user, client);
        } catch (RuntimeException e) {
            running.release();
            throw e;
        }
        return new Admitted(options, running);
    }

    /**
     * {@code checker.targets.require-ownership}: only a domain the user has proven; {@code reserve-to-proven}:
     * a relay recipient of the user's choosing, or a longer session, only there.
     */
    private void ownershipRefusal(CheckForm form, CheckOptions options, String user) {
        String field = reservedField(options);
        if (!ownership.requireOwnership() && field == null) {
            return;
        }
        Object because = switch (proofs.standing(user, options.domain())) {
            case PROVEN -> null;
            case UNPROVEN -> "";
            case DROPPED -> Text.of("page.refused.because.dropped");
            case UNCONFIRMED -> Text.of("page.refused.because.unconfirmed");
        };
        if (because == null) {
            return;
        }
        String what = ownership.requireOwnership() ? "page.refused.unproven.only_proven"
                : field.equals(OptionsParser.TEST_PROBE_ADDRESS) ? "page.refused.unproven.probe_address"
                : "page.refused.unproven.timeout";
        throw CheckRefused.unproven(form, ownership.requireOwnership() ? OptionsParser.DOMAIN : field, options.domain(),
                Text.of(what, "domain", options.domain(), "because", because,
                        "seconds", CheckOptions.DEFAULT_TIMEOUT_SECONDS));
    }

    /** The option that asks for more than the defaults, reserved to proven domains; null when none does. */
    private String reservedField(CheckOptions options) {
        if (!ownership.reserveToProven()) {
            return null;
        }
        if (options.makes(OptionalProbe.OPEN_RELAY)
                && !options.probeAddress().equals(CheckOptions.DEFAULT_PROBE_ADDRESS)) {
            return OptionsParser.TEST_PROBE_ADDRESS;
        }
        return options.timeout().compareTo(CheckOptions.DEFAULT_TIMEOUT) > 0 ? OptionsParser.TIMEOUT : null;
    }

    /** An admitted check: its options and its place among the running checks, given back once by {@link #close}. */
    static final class Admitted implements AutoCloseable {

        private final CheckOptions options;
        private final Semaphore running;
        private final AtomicBoolean closed = new AtomicBoolean();

        private Admitted(CheckOptions options, Semaphore running) {
            this.options = options;
            this.running = running;
        }

        CheckOptions options() {
            return options;
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                running.release();
            }
        }
    }

    /**
     * The result of these options: from the cache when the same check ran within
     * {@code checker.probe.result-cache} (or is running now, here or on another replica: it is awaited),
     * else from the pipeline, telling {@code listener} how the collect goes. A pipeline that fails is a
     * "Collect failed" outcome, as the SDK shows it; a cache that fails (Redis down) is an error. The result
     * is then stored for {@code owner} under a permalink (a store that fails only costs the permalink).
     */
    CheckOutcome run(CheckOptions options, String owner, CollectListener listener) {
        AtomicReference<CheckResult> computed = new AtomicReference<>();
        ResultCache.CachedValue cached;
        try {
            cached = cache.getOrCompute(cacheKey(options), deadline, () -> {
                CheckResult result;
                try {
                    result = pipeline.check(options, EntryPoint.WEB, listener);
                } catch (RuntimeException e) {
                    throw new CollectFailed(e);
                }
                computed.set(result);
                return KeptJson.mapper().writeValueAsString(result);
            });
        } catch (CollectFailed e) {
            log.warn("collect failed for {}", options.domain(), e.getCause());
            return CheckOutcome.failed(options.domain(), JsonProblems.words(e.getCause().getMessage()));
        }
        CheckResult result = cached.computed() ? computed.get() : decode(cached.value());
        StoredResult permalink = null;
        Text notStored = null;
        try {
            permalink = stored.save(owner, options, result.observation(), result.states()).orElse(null);
            if (permalink == null) {
                notStored = Text.of("page.result.not_stored.too_big");
            }
        } catch (RuntimeException e) {
            log.error("could not store the result of {}", options.domain(), e);
            notStored = Text.of("page.result.not_stored.failed");
        }
        return new CheckOutcome(options.domain(), result, null, cached.computed() ? null : cached.age(), permalink,
                notStored);
    }

    /**
     * The cache key: the whole options value, normalised by the parser (case, trailing dot, IDN), as
     * canonical JSON, so that an option added to {@link CheckOptions} is part of it without being listed
     * here; and the observation's schema version (a new version never reads an old entry).
     */
    static String cacheKey(CheckOptions o) {
        return "check/v" + SmtpObservation.SCHEMA_VERSION + "/" + GoJson.mapper().writeValueAsString(o);
    }

    /** A cached result, as {@link KeptJson} wrote it (with its states' templates). */
    static CheckResult decode(String json) {
        return KeptJson.mapper().readValue(json, CheckResult.class);
    }

    /** Carries a pipeline failure through the cache, which must not store or share it. */
    private static final class CollectFailed extends RuntimeException {
        CollectFailed(RuntimeException cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }
}
