package org.checkersmtp.tlsposture;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.checkersmtp.observation.DaneLookup;
import org.checkersmtp.observation.DnssecStatus;
import org.checkersmtp.observation.EndpointProbe;
import org.checkersmtp.observation.IpAddresses;
import org.checkersmtp.observation.MtaSts;
import org.checkersmtp.observation.MxRecord;
import org.checkersmtp.observation.SmtpObservation;
import org.checkersmtp.observation.TlsEndpointPosture;
import org.checkersmtp.observation.TlsFailure;
import org.checkersmtp.observation.TlsPosture;
import org.checkersmtp.observation.TlsRpt;

/**
 * The TLS sibling: given what the SMTP collect found (the MX hosts and every address it probed, i.e.
 * the endpoints it publishes as {@code tls.endpoint.v1}), examines the certificate and protocol
 * posture of every address, the DANE records of every MX host and the domain's MTA-STS and TLS-RPT
 * policies, concurrently and within one budget. The entry point of /collect (run option
 * {@code tls_posture}), the /check page and the command line.
 */
public class TlsPostureService implements AutoCloseable {

    /** The port of the tls.endpoint.v1 entries we publish: SMTP on 25. */
    static final int ENTRY_PORT = 25;

    private final TlsPostureSettings settings;
    private final EndpointAccess access;
    private final Clock clock;
    private final TrustMaterial trust;
    private final String anchors;
    private final String anchorsLabel;
    private final ExecutorService pool = Executors.newCachedThreadPool(daemonThreads());

    public TlsPostureService(TlsPostureSettings settings, EndpointAccess access, Clock clock) {
        this.settings = settings;
        this.access = access;
        this.clock = clock;
        this.trust = TrustMaterial.load(settings.trustStore());
        this.anchorsLabel = settings.trustAnchors() == null ? "root" : settings.trustAnchors().toString();
        this.anchors = readAnchors(settings);
    }

    /** The examination budget configured by checker.tls.timeout. */
    public Duration defaultBudget() {
        return settings.budget();
    }

    /** Examines every endpoint and policy of the observation; returns what finished within the budget. */
    public TlsPosture examine(SmtpObservation obs, Duration budget) {
        Instant start = clock.instant();
        Instant deadline = start.plus(budget);
        DnsClient dns = new DnsClient(settings.dnsServers(), settings.dnsTimeout(), anchors);
        EndpointExaminer examiner = new EndpointExaminer(trust, settings.smtpPort(), settings.smtpLimits(), clock);
        MtaStsInspector mtaSts = new MtaStsInspector(dns, access, trust, settings.mtaStsPort(), clock);
        String ehlo = obs.probe() == null || obs.probe().heloName() == null ? "localhost" : obs.probe().heloName();
        List<String> timedOut = new ArrayList<>();

        List<String> hosts = mxHosts(obs);
        List<CompletableFuture<DaneLookup>> daneLookups = hosts.stream()
                .map(h -> async(() -> dns.tlsa(h))).toList();
        boolean takesMail = !obs.mx().nullMx() && obs.mx().error() == null;
        CompletableFuture<MtaSts> policy = takesMail ? async(() -> mtaSts.inspect(obs.domain(), hosts, deadline)) : null;
        CompletableFuture<TlsRpt> reports = takesMail ? async(() -> mtaSts.tlsRpt(obs.domain())) : null;
        List<CompletableFuture<EndpointExaminer.Examined>> sessions = obs.endpoints().stream()
                .map(e -> async(() -> examine(examiner, e, ehlo, deadline))).toList();

        List<DaneLookup> dane = new ArrayList<>();
        for (int i = 0; i < hosts.size(); i++) {
            String host = hosts.get(i);
            dane.add(await(daneLookups.get(i), deadline).orElseGet(() -> {
                timedOut.add("dane " + host);
                return new DaneLookup(host, "_25._tcp." + host, DnssecStatus.ERROR, List.of(), "deadline reached");
            }));
        }
        Map<String, DaneLookup> daneByHost = dane.stream().collect(Collectors.toMap(DaneLookup::host, d -> d));
        List<TlsEndpointPosture> endpoints = new ArrayList<>();
        for (int i = 0; i < sessions.size(); i++) {
            EndpointProbe e = obs.endpoints().get(i);
            Optional<EndpointExaminer.Examined> examined = await(sessions.get(i), deadline.plusSeconds(1));
            if (examined.isEmpty()) {
                timedOut.add("endpoint " + e.subject());
                endpoints.add(examiner.failed(e.target(), ENTRY_PORT, e.address(), null, TlsFailure.DEADLINE,
                        "not examined before the deadline", start));
                continue;
            }
            endpoints.add(withDane(examined.get(), daneByHost.get(e.target())));
        }
        MtaSts policyFacts = policy == null ? null : await(policy, deadline.plusSeconds(1)).orElseGet(() -> {
            timedOut.add("mta_sts");
            return null;
        });
        TlsRpt reportFacts = reports == null ? null : await(reports, deadline).orElseGet(() -> {
            timedOut.add("tls_rpt");
            return null;
        });
        return new TlsPosture(start, Duration.between(start, clock.instant()).toMillis(), trust.label(), anchorsLabel,
                endpoints, dane, policyFacts, reportFacts,
                timedOut.isEmpty() ? null : "deadline reached in " + String.join(", ", timedOut));
    }

    /** MX host names (not IP literals), in MX order, then any other endpoint target. */
    static List<String> mxHosts(SmtpObservation obs) {
        Set<String> hosts = new LinkedHashSet<>();
        if (!obs.mx().nullMx()) {
            obs.mx().records().stream().filter(r -> !r.ipLiteral()).map(MxRecord::target).forEach(hosts::add);
        }
        obs.endpoints().stream().map(EndpointProbe::target).filter(t -> !IpAddresses.isLiteral(t))
                .forEach(hosts::add);
        return List.copyOf(hosts);
    }

    private EndpointExaminer.Examined examine(EndpointExaminer examiner, EndpointProbe e, String ehlo,
                                              Instant deadline) {
        Instant start = clock.instant();
        if (!e.connected()) {
            return notExamined(examiner, e, TlsFailure.TCP_UNREACHABLE,
                    "the SMTP probe could not connect" + (e.connect() == null || e.connect().error() == null ? ""
                            : ": " + e.connect().error()), start);
        }
        if (!e.advertises("STARTTLS")) {
            return notExamined(examiner, e, TlsFailure.STARTTLS_NOT_OFFERED,
                    "the SMTP probe saw no STARTTLS in the EHLO reply", start);
        }
        Optional<InetAddress> parsed = IpAddresses.parse(e.address());
        if (parsed.isEmpty()) {
            return notExamined(examiner, e, TlsFailure.TCP_UNREACHABLE, "not an address: " + e.address(), start);
        }
        InetAddress address = parsed.get();
        Optional<String> refusal = access.refusal(address);
        if (refusal.isPresent()) {
            return notExamined(examiner, e, TlsFailure.POLICY, "refused by policy: " + refusal.get(), start);
        }
        try {
            Optional<EndpointAccess.Slot> slot = access.acquire(address, deadline);
            if (slot.isEmpty()) {
                return notExamined(examiner, e, TlsFailure.DEADLINE,
                        "no connection slot for this address before the deadline", start);
            }
            try (EndpointAccess.Slot held = slot.get()) {
                return examiner.examine(e.target(), ENTRY_PORT, address, ehlo, deadline);
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return notExamined(examiner, e, TlsFailure.DEADLINE, "interrupted", start);
        }
    }

    private static EndpointExaminer.Examined notExamined(EndpointExaminer examiner, EndpointProbe e, TlsFailure failure,
                                                         String detail, Instant start) {
        return new EndpointExaminer.Examined(examiner.failed(e.target(), ENTRY_PORT, e.address(), null, failure,
                detail, start), List.of());
    }

    private TlsEndpointPosture withDane(EndpointExaminer.Examined examined, DaneLookup lookup) {
        TlsEndpointPosture posture = examined.posture();
        List<X509Certificate> chain = examined.chain();
        if (lookup == null || lookup.records().isEmpty() || chain.isEmpty()) {
            return posture;
        }
        List<String> matched = TlsaMatcher.matching(lookup.records(), chain, posture.hostnameMatch(), clock.instant());
        return posture.withDane(!matched.isEmpty(), matched);
    }

    private <T> CompletableFuture<T> async(Supplier<T> work) {
        return CompletableFuture.supplyAsync(work, pool);
    }

    /** The result, or empty when the deadline came first (the work itself is bounded by the same deadline). */
    private <T> Optional<T> await(CompletableFuture<T> future, Instant until) {
        long waitMs = Math.max(0, Duration.between(clock.instant(), until).toMillis());
        return Optional.ofNullable(future.completeOnTimeout(null, waitMs, TimeUnit.MILLISECONDS).join());
    }

    private static String readAnchors(TlsPostureSettings settings) {
        try {
            if (settings.trustAnchors() != null) {
                return Files.readString(settings.trustAnchors(), StandardCharsets.US_ASCII);
            }
            try (InputStream in = TlsPostureService.class.getResourceAsStream("/tlsposture/root-anchors.txt")) {
                return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("checker.dns.trust-anchors: cannot read " + settings.trustAnchors(), e);
        }
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "tls-posture-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
