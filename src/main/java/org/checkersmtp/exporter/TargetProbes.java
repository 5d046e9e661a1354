package org.checkersmtp.exporter;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.checkersmtp.cache.ResultCache;
import org.checkersmtp.cache.ResultCacheFactory;
import org.checkersmtp.check.CheckPipeline;
import org.checkersmtp.check.CheckResult;
import org.checkersmtp.check.EntryPoint;
import org.checkersmtp.collect.CollectListener;
import org.checkersmtp.collect.CollectorProperties;
import org.checkersmtp.collect.SmtpCollector;
import org.checkersmtp.json.GoJson;
import org.checkersmtp.observation.SmtpObservation;
import org.checkersmtp.options.CheckOptions;
import org.checkersmtp.results.Results;
import org.checkersmtp.results.StoredResult;
import org.checkersmtp.results.Visibility;
import org.checkersmtp.security.CheckerSecurityProperties;
import org.checkersmtp.tlsposture.TlsPostureProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * One scrape's check of a target, politely: refused targets get a refusal and nothing is sent; a target is
 * probed at most once per {@code checker.exporter.min-interval} and module options (the result cache, shared
 * between replicas with {@code checker.shared-state=redis}); scrapes that come at once share one check.
 */
@Service
public class TargetProbes {

    private static final Logger log = LoggerFactory.getLogger(TargetProbes.class);
    private static final String KEY_PREFIX = "exporter:";
    /** Beside a check's facts, the id of the result a keep stored of it. */
    private static final String KEPT_PREFIX = "exporter-kept:";
    /** A scrape waiting for another's check presumes it dead after its budget and this. */
    private static final Duration WAIT_MARGIN = Duration.ofSeconds(10);
    /** Plain Jackson, not the Go-compatible mapper: that one leaves out zeros, and a 0 here is a fact. */
    private static final JsonMapper FACTS = JsonMapper.builder().build();

    /** Facts and how old they are. */
    record Answer(ProbeFacts facts, Duration age) {
    }

    /** A kept check: the stored result's id, or (nothing stored) the answer a plain scrape gets. */
    record Kept(Optional<String> id, Answer answer) {
    }

    private final CheckPipeline pipeline;
    private final SmtpCollector collector;
    private final ResultCache results;
    private final ResultCache keptIds;
    private final Results stored;
    private final Clock clock;
    private final int maxMxHosts;
    /** The longest a check takes by the service's own deadlines: the collect's, then the TLS sibling's. */
    private final Duration ownDeadline;

    public TargetProbes(CheckPipeline pipeline, SmtpCollector collector, ResultCacheFactory caches,
                        ExporterProperties properties, CollectorProperties collect, TlsPostureProperties tls,
                        Results stored, Clock clock) {
        this.pipeline = pipeline;
        this.collector = collector;
        this.results = caches.withTimeToLive(properties.minInterval());
        this.keptIds = caches.withTimeToLive(properties.minInterval());
        this.stored = stored;
        this.clock = clock;
        this.maxMxHosts = properties.maxMxHosts();
        this.ownDeadline = collect.probe().collectTimeout().plus(tls.tls().timeout());
    }

    /**
     * The facts of a check of these (validated) options; one that runs now ends within {@code scrapeBudget}
     * (the scrape's deadline, when the scraper gave one) and the service's own deadlines.
     */
    Answer probe(CheckOptions options, boolean tlsPosture, Optional<Duration> scrapeBudget) {
        Duration budget = budget(scrapeBudget);
        if (collector.domainRefusal(options.domain()).isPresent()) {
            return REFUSED;
        }
        ResultCache.CachedValue cached;
        try {
            cached = results.getOrCompute(key(options, tlsPosture), budget.plus(WAIT_MARGIN),
                    () -> FACTS.writeValueAsString(check(options, tlsPosture, budget).facts()));
        } catch (NotShared e) {
            return new Answer(e.facts, Duration.ZERO);
        }
        return new Answer(FACTS.readValue(cached.value(), ProbeFacts.class), cached.age());
    }

    /**
     * A check of these options stored as a public result of {@link CheckerSecurityProperties#EXPORTER_OWNER}:
     * the one kept less than the min-interval ago, else one run now (its facts then answer the next scrapes).
     * Nothing is stored for a refused target, a failed check or a result too big to keep.
     */
    Kept keep(CheckOptions options, boolean tlsPosture, Optional<Duration> scrapeBudget) {
        Duration budget = budget(scrapeBudget);
        if (collector.domainRefusal(options.domain()).isPresent()) {
            return new Kept(Optional.empty(), REFUSED);
        }
        String key = key(options, tlsPosture);
        try {
            String id = keptIds.getOrCompute(KEPT_PREFIX + key, budget.plus(WAIT_MARGIN), () -> {
                Checked checked = check(options, tlsPosture, budget);
                results.put(key, FACTS.writeValueAsString(checked.facts()));
                if (checked.facts().refused() != null) {
                    throw new NotShared(checked.facts());
                }
                return stored.save(CheckerSecurityProperties.EXPORTER_OWNER, options,
                                checked.result().observation(), checked.result().states(), Visibility.PUBLIC)
                        .map(StoredResult::id)
                        .orElseThrow(() -> new NotShared(checked.facts()));
            }).value();
            return new Kept(Optional.of(id), null);
        } catch (NotShared e) {
            return new Kept(Optional.empty(), new Answer(e.facts, Duration.ZERO));
        }
    }

    private static final Answer REFUSED =
            new Answer(ProbeFacts.refused(ProbeFacts.Refusal.ALLOWED_DOMAINS), Duration.ZERO);

    private record Checked(CheckResult result, ProbeFacts facts) {
    }

    /** One check run now, within the budget. */
    private Checked check(CheckOptions options, boolean tlsPosture, Duration budget) {
        Instant start = clock.instant();
        try {
            CheckResult result = pipeline.check(options, tlsPosture, EntryPoint.EXPORTER, CollectListener.NONE,
                    budget);
            Duration took = Duration.between(start, clock.instant());
            return new Checked(result, ProbeFacts.of(result, start, took, maxMxHosts));
        } catch (RuntimeException e) {
            log.warn("check of {} failed", options.domain(), e);
            throw new NotShared(ProbeFacts.failed(start, Duration.between(start, clock.instant())));
        }
    }

    private Duration budget(Optional<Duration> scrapeBudget) {
        return scrapeBudget.filter(b -> b.compareTo(ownDeadline) < 0).orElse(ownDeadline);
    }

    /**
     * A computation whose value is not kept (the cache shares no failed computation), so the next scrape
     * tries again: a check whose pipeline failed, or (for a keep) a refused target or a result not stored.
     */
    private static final class NotShared extends RuntimeException {

        private final transient ProbeFacts facts;

        NotShared(ProbeFacts facts) {
            super(null, null, false, false);
            this.facts = facts;
        }
    }

    /**
     * The whole options, normalised by the parser, as canonical JSON (an option added to {@link CheckOptions} is
     * part of it without being listed here), the TLS switch and the observation's schema version.
     */
    private static String key(CheckOptions options, boolean tlsPosture) {
        return KEY_PREFIX + SmtpObservation.SCHEMA_VERSION + ":" + tlsPosture + ":" + GoJson.marshal(options);
    }
}
