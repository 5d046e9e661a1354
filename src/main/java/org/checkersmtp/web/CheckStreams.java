package org.checkersmtp.web;

import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.checkersmtp.i18n.Catalogue;
import org.checkersmtp.api.WorkTracker;
import org.checkersmtp.json.GoJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The streamed check (POST /check/progress): one {@link SseEmitter} per check, answering the POST itself,
 * so the stream needs no state shared between replicas and works behind any load balancer. The check runs
 * on one thread; the stream is written by another, which sends each address's phase as the collector
 * reports it ({@link ProgressStream}), then the result fragment, then ends. A browser that reads slowly or
 * goes away delays or stops only that writer, never the probes.
 *
 * <p>Events ({@code text/event-stream}, data in JSON): {@code mx} (the addresses to probe), {@code endpoint}
 * (one address's step), {@code result} ({@code {"html":…,"title":…}}, the last), or {@code failure}
 * ({@code {"message":…}}) when the check could not finish.
 */
@Component
public class CheckStreams {

    private static final Logger log = LoggerFactory.getLogger(CheckStreams.class);

    /** Beyond the check's own deadline: rendering and sending the result. */
    private static final Duration MARGIN = Duration.ofSeconds(15);

    private final PageChecks checks;
    private final ResultPage results;
    private final Catalogue catalogue;
    private final WorkTracker work;
    private final ThreadPoolExecutor threads;

    public CheckStreams(PageChecks checks, ResultPage results, WorkTracker work, WebProperties web,
                        Catalogue catalogue) {
        this.catalogue = catalogue;
        this.checks = checks;
        this.results = results;
        this.work = work;
        // Two threads per running check at most (PageChecks admits maxRunningChecks), created on demand.
        AtomicInteger n = new AtomicInteger();
        this.threads = new ThreadPoolExecutor(0, 2 * web.maxRunningChecks() + 2, 30, TimeUnit.SECONDS,
                new SynchronousQueue<>(), r -> {
                    Thread t = new Thread(r, "web-check-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    /** Starts the admitted check of {@code owner} and returns the stream that tells how it goes. */
    SseEmitter start(CheckForm form, PageChecks.Admitted admitted, String owner, String contextPath,
                     Locale language) {
        SseEmitter emitter = new SseEmitter(checks.deadline().plus(MARGIN).toMillis());
        ProgressStream progress = new ProgressStream(catalogue, language);
        emitter.onCompletion(progress::close);
        emitter.onTimeout(progress::close);
        emitter.onError(e -> progress.close());
        try {
            CompletableFuture<CheckOutcome> outcome = CompletableFuture.supplyAsync(() -> {
                work.begin();
                try {
                    return checks.run(admitted.options(), owner, progress);
                } finally {
                    work.end();
                }
            }, threads);
            outcome.whenComplete((o, e) -> progress.close());
            CompletableFuture<Void> writer = CompletableFuture.runAsync(
                    () -> write(emitter, progress, outcome, admitted.options().domain(), owner, contextPath, language),
                    threads);
            CompletableFuture.allOf(outcome, writer).whenComplete((v, e) -> admitted.close());
        } catch (RejectedExecutionException e) {
            admitted.close();
            throw CheckRefused.busy(form);
        }
        return emitter;
    }

    private void write(SseEmitter emitter, ProgressStream progress, CompletableFuture<CheckOutcome> outcome,
                       String domain, String owner, String contextPath, Locale language) {
        try {
            for (var batch = progress.next(); !batch.isEmpty(); batch = progress.next()) {
                for (ProgressStream.Event event : batch) {
                    send(emitter, event.name(), event.data());
                }
            }
            CheckOutcome done;
            try {
                done = outcome.join();
            } catch (RuntimeException e) {
                log.error("streamed check failed", e);
                send(emitter, "failure", new Failure(catalogue.text("page.stream.failed", language)));
                emitter.complete();
                return;
            }
            String html = results.fragment(results.model(done, contextPath, owner, false, language), language);
            send(emitter, "result", new Result(html,
                    catalogue.text("page.result.title", language) + " " + done.domain() + " · checker-smtp"));
            emitter.complete();
        } catch (IOException | IllegalStateException e) {
            // The browser went away (or the stream timed out): normal, and the check still ends and is cached.
            log.info("check of {}: the client left before the result was sent", domain);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.error("check stream failed", e);
            emitter.completeWithError(e);
        }
    }

    private static void send(SseEmitter emitter, String name, Object data) throws IOException {
        // One line of JSON (GoJson escapes line ends and <, >, &): nothing a server sent can break the framing.
        emitter.send(SseEmitter.event().name(name).data(GoJson.marshal(data)));
    }

    record Result(String html, String title) {
    }

    record Failure(String message) {
    }

    @PreDestroy
    void shutdown() {
        threads.shutdownNow();
    }
}
