package org.checkersmtp.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.checkersmtp.i18n.Catalogue;
import java.util.Optional;
import java.util.function.Supplier;
import org.checkersmtp.cache.ResultCache;
import org.checkersmtp.cache.ResultCacheProperties;
import org.checkersmtp.check.CheckPipeline;
import org.checkersmtp.collect.CollectListener;
import org.checkersmtp.collect.CollectorProperties;
import org.checkersmtp.options.CheckOptions;
import org.checkersmtp.report.HtmlReportRenderer;
import org.checkersmtp.testsupport.TestTemplates;
import org.checkersmtp.tlsposture.TlsPostureProperties;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;
import org.thymeleaf.spring6.SpringTemplateEngine;

/**
 * A collect that throws (a bug, or a resolver the JVM cannot reach) is shown as the SDK shows it —
 * "Collect failed: …", no verdict, no report — and is never cached. No real server makes the pipeline
 * throw, so the pipeline is the seam replaced here.
 */
class CollectFailedTest {

    /** A cache that stores nothing: each call computes, as with checker.probe.result-cache=0s. */
    private static final class Computing implements ResultCache {
        int stored;

        @Override
        public Optional<CachedValue> get(String key) {
            return Optional.empty();
        }

        @Override
        public void put(String key, String value) {
            stored++;
        }

        @Override
        public CachedValue getOrCompute(String key, Duration maxComputeTime, Supplier<String> compute) {
            String value = compute.get();
            stored++;
            return new CachedValue(value, Duration.ZERO, true);
        }
    }

    @Test
    void aCollectThatThrowsIsSaidAndNotCached() {
        CheckPipeline pipeline = mock(CheckPipeline.class);
        when(pipeline.check(any(), any(), any())).thenThrow(
                new IllegalStateException("collector stage failed: java.net.SocketException: resolver unreachable"));
        Computing cache = new Computing();
        var collect = org.checkersmtp.testsupport.TestCollectors.properties(null, 25, Duration.ofSeconds(90));
        PageChecks checks = new PageChecks(pipeline, null, null, cache, null, null,
                new org.checkersmtp.ownership.OwnershipProperties(
                        new org.checkersmtp.ownership.OwnershipProperties.Targets(false, false),
                        new org.checkersmtp.ownership.OwnershipProperties.Ownership(Duration.ofDays(7),
                                Duration.ofSeconds(5), 50)), collect,
                new TlsPostureProperties(new TlsPostureProperties.Tls("", 443, Duration.ofSeconds(30)),
                        new TlsPostureProperties.DnsTrust("")), new WebProperties(4));

        CheckOutcome outcome = checks.run(CheckOptions.defaults("example.org"), "alice", CollectListener.NONE);
        checks.run(CheckOptions.defaults("example.org"), "alice", CollectListener.NONE);

        assertThat(outcome.result()).isNull();
        assertThat(outcome.collectFailure()).isEqualTo("collector stage failed: resolver unreachable");
        verify(pipeline, times(2)).check(any(), any(), any());
        assertThat(cache.stored).isZero();

        SpringTemplateEngine engine = TestTemplates.engine();
        ResultPage page = new ResultPage(new HtmlReportRenderer(engine, org.checkersmtp.rules.AllRules.evaluator()), engine,
                new ResultCacheProperties(Duration.ofSeconds(60), DataSize.ofMegabytes(32)), null, Catalogue.classpath());
        Document result = Jsoup.parse(page.fragment(page.model(outcome, "", "alice", false, Locale.ENGLISH), Locale.ENGLISH));
        assertThat(result.select("[role=alert]").text())
                .isEqualTo("Collect failed: collector stage failed: resolver unreachable");
        assertThat(result.select("iframe, .verdict, .badge")).isEmpty();
        assertThat(result.select("a[href=/check]").text()).isEqualTo("Check another domain");
        assertThat(checks.deadline()).isEqualTo(Duration.ofSeconds(90 + 30 + 10));
        assertThat(List.of(collect.probe().collectTimeout())).containsExactly(Duration.ofSeconds(90));
    }
}
