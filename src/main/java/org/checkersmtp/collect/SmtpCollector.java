package org.checkersmtp.collect;

import jakarta.annotation.PreDestroy;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.checkersmtp.collect.dns.DnsInspector;
import org.checkersmtp.collect.dns.DnsSettings;
import org.checkersmtp.collect.smtp.Deadline;
import org.checkersmtp.collect.smtp.EndpointTarget;
import org.checkersmtp.collect.smtp.PhaseListener;
import org.checkersmtp.collect.smtp.SmtpLimits;
import org.checkersmtp.collect.smtp.SmtpProber;
import org.checkersmtp.observation.ConnectFailure;
import org.checkersmtp.observation.Coverage;
import org.checkersmtp.observation.EndReason;
import org.checkersmtp.observation.EndpointProbe;
import org.checkersmtp.observation.IpAddresses;
import org.checkersmtp.observation.IpFamily;
import org.checkersmtp.observation.MxLookup;
import org.checkersmtp.observation.MxRecord;
import org.checkersmtp.observation.Phase;
import org.checkersmtp.observation.ProbeSettings;
import org.checkersmtp.observation.ReverseDns;
import org.checkersmtp.observation.SessionEnd;
import org.checkersmtp.observation.SmtpObservation;
import org.checkersmtp.options.CheckOptions;
import org.springframework.stereotype.Service;

/**
 * Options in, observation out: the first stage of the pipeline, shared by /collect, the /check form
 * and the command line. Every address of every MX target is probed concurrently (bounded pool, one
 * session per address process-wide), reverse DNS overlapping the SMTP sessions; the whole collect
 * has one deadline and returns what finished, saying which phase the rest was in.
 */
@Service
public class SmtpCollector {

    private final Clock clock;
    private final CollectorProperties properties;
    private final DnsInspector dns;
    private final SmtpProber prober;
    private final TargetPolicy policy;
    private final PerAddressGate gate = new PerAddressGate();
    private final ExecutorService smtpPool;
    private final ExecutorService dnsPool;

    public SmtpCollector(CollectorProperties properties, Clock clock) {
        this.clock = clock;
        this.properties = properties;
        this.dns = new DnsInspector(DnsSettings.of(properties.dns().servers(), properties.dns().timeout()));
        this.prober = new SmtpProber(new SmtpLimits(properties.smtp().maxLineLength(),
                properties.smtp().maxReplyLines(), properties.smtp().maxSessionBytes().toBytes()));
        this.policy = new TargetPolicy(properties.targets().allowPrivate());
        this.smtpPool = Executors.newFixedThreadPool(properties.probe().maxParallel(), daemon("smtp-probe"));
        this.dnsPool = Executors.newCachedThreadPool(daemon("dns-lookup"));
    }

    public SmtpObservation collect(CheckOptions requested, Map<String, Boolean> enabledRules) {
        Instant start = clock.instant();
        Deadline deadline = Deadline.after(properties.probe().collectTimeout(), clock);
        CheckOptions options = skipProbesOfDisabledRules(requested, enabledRules);
        List<String> timedOut = new ArrayList<>();

        MxLookup mx = await(CompletableFuture.supplyAsync(() -> dns.lookupMx(options.domain()), dnsPool), deadline)
                .orElseGet(() -> {
                    timedOut.add("dns_mx");
                    return MxLookup.failed("timed out in phase dns_mx (collect deadline)");
                });

        List<EndpointTarget> targets = targets(mx);
        List<CompletableFuture<EndpointProbe>> sessions = new ArrayList<>();
        List<CompletableFuture<ReverseDns>> reverses = new ArrayList<>();
        for (EndpointTarget target : targets) {
            reverses.add(CompletableFuture.supplyAsync(() -> dns.reverse(target.address()), dnsPool));
            sessions.add(session(target, options, deadline));
        }

        List<EndpointProbe> endpoints = new ArrayList<>();
        AtomicInteger unfinishedSessions = new AtomicInteger();
        for (int i = 0; i < targets.size(); i++) {
            EndpointTarget target = targets.get(i);
            EndpointProbe probe = await(sessions.get(i), deadline.plus(Duration.ofSeconds(1))).orElseGet(() -> {
                unfinishedSessions.incrementAndGet();
                return notContacted(target, ConnectFailure.NOT_ATTEMPTED, EndReason.COLLECT_DEADLINE, Phase.QUEUE,
                        "timed out in phase queue: no probe slot before the collect deadline");
            });
            ReverseDns reverse = await(reverses.get(i), deadline).orElseGet(() ->
                    new ReverseDns(List.of(), "timed out in phase reverse_dns (collect deadline)", false, null, null));
            endpoints.add(probe.withReverseDns(reverse));
        }
        if (unfinishedSessions.get() > 0) {
            timedOut.add("smtp (" + unfinishedSessions.get() + " endpoint(s) not reached)");
        }

        Instant end = clock.instant();
        return new SmtpObservation(options.domain(), start, mx, endpoints, coverage(endpoints),
                SmtpObservation.SCHEMA_VERSION, settings(options), Duration.between(start, end).toMillis(),
                timedOut.isEmpty() ? null : "timed out in phase " + String.join(", ", timedOut));
    }

    /** "Providers may skip work for disabled rules": a probe whose only judge is off is not run. */
    private static CheckOptions skipProbesOfDisabledRules(CheckOptions o, Map<String, Boolean> enabledRules) {
        if (enabledRules == null || enabledRules.isEmpty()) {
            return o;
        }
        return new CheckOptions(o.domain(), o.timeout(), o.heloName(),
                o.testNullSender() && enabled(enabledRules, "smtp.null_sender"),
                o.testPostmaster() && enabled(enabledRules, "smtp.postmaster"),
                o.testOpenRelay() && enabled(enabledRules, "smtp.open_relay"),
                o.probeAddress());
    }

    private static boolean enabled(Map<String, Boolean> enabledRules, String rule) {
        return !Boolean.FALSE.equals(enabledRules.get(rule));
    }

    private List<EndpointTarget> targets(MxLookup mx) {
        List<EndpointTarget> targets = new ArrayList<>();
        if (mx.nullMx()) {
            return targets;
        }
        for (MxRecord record : mx.records()) {
            List<String> addresses = new ArrayList<>(record.ipv4());
            addresses.addAll(record.ipv6());
            for (String address : addresses) {
                if (targets.size() >= properties.probe().maxEndpoints()) {
                    return targets;
                }
                parse(address).ifPresent(a -> targets.add(
                        new EndpointTarget(record.target(), record.preference(), a, properties.smtp().port())));
            }
        }
        return targets;
    }

    private CompletableFuture<EndpointProbe> session(EndpointTarget target, CheckOptions options, Deadline deadline) {
        Optional<String> refusal = policy.refusal(target.address());
        if (refusal.isPresent()) {
            return CompletableFuture.completedFuture(notContacted(target, ConnectFailure.POLICY,
                    EndReason.POLICY_REFUSED, Phase.CONNECT, "refused by policy: " + refusal.get()));
        }
        return CompletableFuture.supplyAsync(() -> {
            try {
                if (!gate.acquire(target.address(), deadline.remaining())) {
                    return notContacted(target, ConnectFailure.NOT_ATTEMPTED, EndReason.COLLECT_DEADLINE, Phase.QUEUE,
                            "timed out in phase queue: another session to this address was still open");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return notContacted(target, ConnectFailure.NOT_ATTEMPTED, EndReason.COLLECT_DEADLINE, Phase.QUEUE,
                        "interrupted while waiting for this address");
            }
            try {
                Deadline sessionDeadline = deadline.within(options.timeout());
                EndpointProbe probe = prober.probe(target, options, sessionDeadline, PhaseListener.NONE);
                boolean cutByCollect = sessionDeadline == deadline && probe.end() != null
                        && probe.end().reason() == EndReason.DEADLINE;
                return cutByCollect
                        ? probe.withEnd(new SessionEnd(EndReason.COLLECT_DEADLINE, probe.end().phase(),
                                "timed out in phase " + probe.end().phase() + " (collect deadline)"))
                        : probe;
            } finally {
                gate.release(target.address());
            }
        }, smtpPool);
    }

    private static EndpointProbe notContacted(EndpointTarget target, ConnectFailure failure, EndReason reason,
                                              Phase phase, String detail) {
        return EndpointProbe.notContacted(target.host(), target.preference(), target.address().getHostAddress(),
                family(target.address()), failure, reason, phase, detail);
    }

    private static Coverage coverage(List<EndpointProbe> endpoints) {
        int v4 = 0;
        int v6 = 0;
        int v4ok = 0;
        int v6ok = 0;
        int v6untested = 0;
        for (EndpointProbe e : endpoints) {
            boolean v6family = e.family() == IpFamily.IPV6;
            if (v6family) {
                v6++;
                v6ok += e.connected() ? 1 : 0;
                if (e.connect() != null && e.connect().failure() != null && e.connect().failure().untestable()) {
                    v6untested++;
                }
            } else {
                v4++;
                v4ok += e.connected() ? 1 : 0;
            }
        }
        return new Coverage(v4, v6, v4ok, v6ok, v6untested);
    }

    private static ProbeSettings settings(CheckOptions o) {
        return new ProbeSettings(o.heloName(), o.timeout().toMillis(), o.testNullSender(), o.testPostmaster(),
                o.testOpenRelay(), o.postmasterAddress(), o.relayRecipient(), o.relaySender());
    }

    private static <T> Optional<T> await(CompletableFuture<T> future, Deadline until) {
        long waitMs = until.remaining().toMillis();
        try {
            return Optional.ofNullable(future.get(waitMs, TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            future.cancel(true);
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException e) {
            throw new IllegalStateException("collector stage failed: " + e.getCause(), e.getCause());
        }
    }

    private static Optional<InetAddress> parse(String literal) {
        if (!literal.matches("[0-9a-fA-F:.]+")) {
            return Optional.empty();
        }
        try {
            // Only literals reach here (DNS already resolved them): no lookup happens.
            return Optional.of(InetAddress.getByName(literal));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static IpFamily family(InetAddress address) {
        return address instanceof Inet6Address ? IpFamily.IPV6 : IpFamily.IPV4;
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    @PreDestroy
    void shutdown() {
        smtpPool.shutdownNow();
        dnsPool.shutdownNow();
    }
}
