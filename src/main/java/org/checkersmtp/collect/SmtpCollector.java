package org.checkersmtp.collect;

import jakarta.annotation.PreDestroy;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.checkersmtp.collect.dns.DnsInspector;
import org.checkersmtp.collect.dns.DnsQueryListener;
import org.checkersmtp.dns.DnsSettings;
import org.checkersmtp.collect.smtp.EndpointTarget;
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
import org.checkersmtp.smtp.Deadline;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/**
 * Options in, observation out: the first stage of the pipeline, shared by /collect, the /check form
 * and the command line. Every address of every MX target is probed concurrently, within the fair
 * share of session slots this check gets ({@link SessionScheduler}); DNS, reverse DNS included, holds
 * no thread while it waits. The whole collect has one deadline and returns what finished, saying which
 * phase the rest was in.
 */
@Service
public class SmtpCollector {

    /** How long past the collect deadline a session may take to hand back what it has (its watchdog fired). */
    private static final Duration HAND_BACK = Duration.ofSeconds(1);

    private final Clock clock;
    private final CollectorProperties properties;
    private final DnsInspector dns;
    private final SmtpProber prober;
    private final TargetPolicy policy;
    private final SessionScheduler sessions;

    public SmtpCollector(CollectorProperties properties, Clock clock) {
        this(properties, clock, DnsQueryListener.NONE);
    }

    /** @param dnsQueries told how each DNS query ended (metrics) */
    @Autowired
    public SmtpCollector(CollectorProperties properties, Clock clock, ObjectProvider<DnsQueryListener> dnsQueries) {
        this(properties, clock, dnsQueries.getIfAvailable(() -> DnsQueryListener.NONE));
    }

    private SmtpCollector(CollectorProperties properties, Clock clock, DnsQueryListener dnsQueries) {
        this.clock = clock;
        this.properties = properties;
        this.dns = new DnsInspector(DnsSettings.of(properties.dns().servers(), properties.dns().timeout()),
                dnsQueries);
        this.prober = new SmtpProber(properties.smtp().limits());
        this.policy = new TargetPolicy(properties.targets().allowPrivate(), properties.targets().allowedDomains());
        this.sessions = new SessionScheduler(properties.probe().maxParallel());
    }

    /**
     * For our probes that run outside the collector (the TLS sibling): why {@code address} must not be
     * contacted, by the same target policy as the SMTP sessions; empty when it may be.
     */
    public Optional<String> refusal(InetAddress address) {
        return policy.refusal(address);
    }

    /**
     * Why {@code domain} (normalised, as in {@link CheckOptions#domain()}) must not be checked at all
     * ({@code checker.targets.allowed-domains}); empty when it may be. A collect of a refused domain asks
     * nothing of DNS: its MX lookup reads "refused by policy".
     */
    public Optional<String> domainRefusal(String domain) {
        return policy.domainRefusal(domain);
    }

    /**
     * For our probes that run outside the collector: a slot among the same fair session slots, with the
     * same one-connection-per-address rule; empty when none came before {@code until}.
     */
    public Optional<SessionSlot> holdSlot(InetAddress address, Instant until) throws InterruptedException {
        return sessions.hold(address, Deadline.after(Duration.between(clock.instant(), until), clock));
    }

    /** SMTP sessions (and TLS sibling connections) open now, across every check of this process. */
    public int openSessions() {
        return sessions.running();
    }

    /** The most sessions open at once ({@code checker.probe.max-parallel}). */
    public int sessionSlots() {
        return properties.probe().maxParallel();
    }

    /** Probes what the options switch on; which probes a run needs is decided above (rules.ProbePlan). */
    public SmtpObservation collect(CheckOptions options) {
        return collect(options, CollectListener.NONE);
    }

    /** As {@link #collect(CheckOptions)}, telling {@code listener} how it goes (see {@link CollectListener}). */
    public SmtpObservation collect(CheckOptions options, CollectListener listener) {
        return collect(options, listener, properties.probe().collectTimeout());
    }

    /**
     * As {@link #collect(CheckOptions, CollectListener)}, with the collect deadline {@code budget} from now
     * when that is sooner than {@code checker.probe.collect-timeout} (the exporter's scrape deadline).
     */
    public SmtpObservation collect(CheckOptions options, CollectListener listener, Duration budget) {
        CollectListener events = new GuardedListener(listener);
        Instant start = clock.instant();
        Duration collectTimeout = properties.probe().collectTimeout();
        Deadline deadline = Deadline.after(budget.compareTo(collectTimeout) < 0 ? budget : collectTimeout, clock);
        List<String> cut = new ArrayList<>();

        Optional<String> refused = policy.domainRefusal(options.domain());
        MxLookup mx = refused.isPresent() ? MxLookup.failed("refused by policy: " + refused.get())
                : await(dns.lookupMx(options.domain()), deadline).orElseGet(() -> {
                    cut.add(Phase.DNS_MX.wire());
                    return MxLookup.failed("timed out in phase " + Phase.DNS_MX + " (collect deadline)");
                });
        List<EndpointTarget> targets = targets(mx);
        events.mxLookupFinished(mx, targets);

        List<EndpointProbe> endpoints = new ArrayList<>();
        int reverseCut = 0;
        try (SessionScheduler.Check check = sessions.open()) {
            List<EndpointProgress> progress = new ArrayList<>();
            List<CompletableFuture<EndpointProbe>> probes = new ArrayList<>();
            List<CompletableFuture<ReverseDns>> reverses = new ArrayList<>();
            for (EndpointTarget target : targets) {
                EndpointProgress p = new EndpointProgress(target, events);
                progress.add(p);
                reverses.add(dns.reverse(target.address()));
                probes.add(session(check, target, options, deadline, p));
            }
            for (int i = 0; i < targets.size(); i++) {
                EndpointTarget target = targets.get(i);
                CompletableFuture<EndpointProbe> probe = probes.get(i);
                EndpointProgress p = progress.get(i);
                EndpointProbe ended = await(probe, deadline.plus(HAND_BACK))
                        .orElseGet(() -> unfinished(target, check.withdraw(probe) ? Phase.QUEUE : p.phase(), p));
                Optional<ReverseDns> reverse = await(reverses.get(i), deadline);
                if (reverse.isEmpty()) {
                    reverseCut++;
                }
                endpoints.add(ended.withReverseDns(reverse.orElseGet(() -> new ReverseDns(List.of(),
                        "timed out in phase " + Phase.REVERSE_DNS + " (collect deadline)", false, null, null))));
            }
        }
        cut.addAll(cutPhases(endpoints, reverseCut));

        Instant end = clock.instant();
        return new SmtpObservation(options.domain(), start, mx, endpoints, coverage(endpoints),
                SmtpObservation.SCHEMA_VERSION, settings(options), Duration.between(start, end).toMillis(),
                cut.isEmpty() ? null : "timed out in phase " + String.join(", ", cut));
    }

    /** "queue (2 endpoints)", "greeting (1 endpoint)": where the collect deadline found each endpoint. */
    private static List<String> cutPhases(List<EndpointProbe> endpoints, int reverseCut) {
        Map<Phase, Integer> counts = new EnumMap<>(Phase.class);
        for (EndpointProbe e : endpoints) {
            if (e.end().reason() == EndReason.COLLECT_DEADLINE) {
                counts.merge(e.end().phase(), 1, Integer::sum);
            }
        }
        if (reverseCut > 0) {
            counts.merge(Phase.REVERSE_DNS, reverseCut, Integer::sum);
        }
        List<String> phases = new ArrayList<>();
        counts.forEach((phase, n) -> phases.add(phase + " (" + n + (n == 1 ? " endpoint)" : " endpoints)")));
        return phases;
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
                IpAddresses.parse(address).ifPresent(a -> targets.add(
                        new EndpointTarget(record.target(), record.preference(), a, properties.smtp().port())));
            }
        }
        return targets;
    }

    private CompletableFuture<EndpointProbe> session(SessionScheduler.Check check, EndpointTarget target,
                                                     CheckOptions options, Deadline deadline,
                                                     EndpointProgress progress) {
        Optional<String> refusal = policy.refusal(target.address());
        if (refusal.isPresent()) {
            EndpointProbe refused = notContacted(target, ConnectFailure.POLICY, EndReason.POLICY_REFUSED,
                    Phase.CONNECT, "refused by policy: " + refusal.get());
            progress.finish(refused);
            return CompletableFuture.completedFuture(refused);
        }
        progress.entered(Phase.QUEUE);
        return check.submit(target.address(), () -> {
            EndpointProbe probe = deadline.passed() ? queued(target) : probe(target, options, deadline, progress);
            progress.finish(probe);
            return probe;
        });
    }

    private EndpointProbe probe(EndpointTarget target, CheckOptions options, Deadline deadline,
                                EndpointProgress progress) {
        Deadline sessionDeadline = deadline.within(effectiveTimeout(options));
        EndpointProbe probe = prober.probe(target, options, sessionDeadline, progress);
        boolean cutByCollect = sessionDeadline == deadline && probe.end().reason() == EndReason.DEADLINE;
        return cutByCollect ? probe.withEnd(new SessionEnd(EndReason.COLLECT_DEADLINE, probe.end().phase(),
                "timed out in phase " + probe.end().phase() + " (collect deadline)")) : probe;
    }

    /** The collect deadline passed before the session could start or hand back what it had. */
    private static EndpointProbe unfinished(EndpointTarget target, Phase phase, EndpointProgress progress) {
        EndpointProbe probe = phase == Phase.QUEUE ? queued(target)
                : notContacted(target, ConnectFailure.NOT_ATTEMPTED, EndReason.COLLECT_DEADLINE, phase,
                        "timed out in phase " + phase + " (collect deadline): the session did not hand back in time");
        progress.finish(probe);
        return probe;
    }

    private static EndpointProbe queued(EndpointTarget target) {
        return notContacted(target, ConnectFailure.NOT_ATTEMPTED, EndReason.COLLECT_DEADLINE, Phase.QUEUE,
                "timed out in phase " + Phase.QUEUE + ": no session slot free, or another session to this address still "
                        + "open, before the collect deadline");
    }

    private static EndpointProbe notContacted(EndpointTarget target, ConnectFailure failure, EndReason reason,
                                              Phase phase, String detail) {
        return EndpointProbe.notContacted(target.host(), target.preference(), IpAddresses.text(target.address()),
                IpAddresses.family(target.address()), failure, reason, phase, detail);
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

    /** The session deadline as used: the timeout option, at most the collect deadline. */
    private Duration effectiveTimeout(CheckOptions o) {
        Duration collect = properties.probe().collectTimeout();
        return o.timeout().compareTo(collect) > 0 ? collect : o.timeout();
    }

    private ProbeSettings settings(CheckOptions o) {
        return new ProbeSettings(o.heloName(), o.timeout().toMillis(), effectiveTimeout(o).toMillis(),
                o.probes(), o.postmasterAddress(), o.relayRecipient(), o.relaySender());
    }

    private static <T> Optional<T> await(CompletableFuture<T> future, Deadline until) {
        try {
            return Optional.ofNullable(future.get(until.remaining().toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException e) {
            throw new IllegalStateException("collector stage failed: " + e.getCause(), e.getCause());
        }
    }

    @PreDestroy
    void shutdown() {
        sessions.shutdown();
        dns.shutdown();
    }
}
