package org.checkersmtp.collect.dns;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.checkersmtp.dns.DnsSettings;
import org.checkersmtp.observation.AddressResolution;
import org.checkersmtp.observation.IpAddresses;
import org.checkersmtp.observation.IpFamily;
import org.checkersmtp.observation.MxLookup;
import org.checkersmtp.observation.MxRecord;
import org.checkersmtp.observation.ReverseDns;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * The DNS half of the observation, asked of the configured resolvers without any cache (a check
 * must see what DNS says now): the MX RRset, every target's CNAME chain and addresses, and the PTR
 * names of every address with their forward confirmation. A failure is recorded as a failure —
 * never as "no record". Work is bounded: a hostile zone cannot make us send unbounded queries, and
 * no thread waits for an answer (dnsjava's selector does), so a hundred checks of a domain whose
 * names never answer hold no more threads than one.
 */
public final class DnsInspector {

    /** MX targets resolved per domain. */
    public static final int MAX_TARGETS = 16;
    /** Addresses kept per target and family. */
    public static final int MAX_ADDRESSES = 16;
    /** CNAME hops followed from one name. */
    public static final int MAX_CNAME_HOPS = 8;
    /** PTR names checked for forward confirmation. */
    public static final int MAX_PTR_CHECKED = 4;


    /** Threads that run the (short, never blocking) steps between answers; dnsjava's one selector thread waits. */
    public static final int THREADS = 2;

    private final Resolver resolver;
    private final String resolverLabel;
    private final ThreadPoolExecutor steps = boundedDaemonPool(THREADS, "dns-step");
    private final DnsQueryListener queries;

    public DnsInspector(DnsSettings settings) {
        this(settings, DnsQueryListener.NONE);
    }

    public DnsInspector(DnsSettings settings, DnsQueryListener queries) {
        this.queries = queries;
        List<java.net.InetSocketAddress> servers = settings.effectiveServers();
        this.resolver = settings.resolver(attemptTimeout(settings.timeout()));
        this.resolverLabel = servers.stream().map(s -> IpAddresses.text(s.getAddress()) + ":" + s.getPort())
                .reduce((a, b) -> a + ", " + b).orElse("no resolver");
    }

    /** The MX RRset of a domain and the addresses of its targets. Never completes exceptionally. */
    public CompletableFuture<MxLookup> lookupMx(String domain) {
        Name name;
        try {
            name = Name.fromString(domain, Name.root);
        } catch (TextParseException e) {
            return CompletableFuture.completedFuture(MxLookup.failed("cannot query " + domain + ": " + e.getMessage()));
        }
        return query(name, Type.MX).thenCompose(answer -> mxTargets(domain, answer));
    }

    private CompletableFuture<MxLookup> mxTargets(String domain, Answer answer) {
        if (answer.failure != null) {
            return CompletableFuture.completedFuture(MxLookup.failed("MX lookup for " + domain + " failed: "
                    + answer.failure));
        }
        if (answer.rcode == Rcode.NXDOMAIN) {
            return CompletableFuture.completedFuture(new MxLookup(List.of(), null, false, false, true, List.of()));
        }
        List<MXRecord> mxs = new ArrayList<>();
        List<String> raw = new ArrayList<>();
        for (Record r : answer.message.getSection(Section.ANSWER)) {
            raw.add(r.toString());
            if (r instanceof MXRecord mx) {
                mxs.add(mx);
            }
        }
        if (mxs.size() == 1 && mxs.get(0).getTarget().equals(Name.root)) {
            return CompletableFuture.completedFuture(new MxLookup(List.of(), null, true, false, false, raw));
        }
        if (mxs.isEmpty()) {
            return resolveTarget(0, domain).thenApply(implicit ->
                    new MxLookup(List.of(implicit), null, false, true, false, raw));
        }
        mxs.sort(Comparator.comparingInt(MXRecord::getPriority).thenComparing(mx -> text(mx.getTarget())));
        List<CompletableFuture<MxRecord>> resolved = new ArrayList<>();
        for (MXRecord mx : mxs.subList(0, Math.min(MAX_TARGETS, mxs.size()))) {
            if (mx.getTarget().equals(Name.root)) {
                continue; // A "." beside other MX records: raw shows it, there is nothing to resolve.
            }
            resolved.add(resolveTarget(mx.getPriority(), text(mx.getTarget())));
        }
        if (mxs.size() > MAX_TARGETS) {
            raw.add("; only the first " + MAX_TARGETS + " of " + mxs.size() + " MX targets were resolved");
        }
        return all(resolved).thenApply(records -> new MxLookup(records, null, false, false, false, raw));
    }

    /** PTR names of an address and their forward confirmation. Never completes exceptionally. */
    public CompletableFuture<ReverseDns> reverse(InetAddress address) {
        return query(ReverseMap.fromAddress(address), Type.PTR).thenCompose(answer -> confirm(address, answer));
    }

    private CompletableFuture<ReverseDns> confirm(InetAddress address, Answer answer) {
        if (answer.failure != null) {
            return CompletableFuture.completedFuture(
                    new ReverseDns(List.of(), "PTR lookup failed: " + answer.failure, false, null, null));
        }
        if (answer.rcode == Rcode.NXDOMAIN) {
            return CompletableFuture.completedFuture(new ReverseDns(List.of(), "nxdomain", false, null, null));
        }
        List<String> names = new ArrayList<>();
        for (Record r : answer.message.getSection(Section.ANSWER)) {
            if (r instanceof PTRRecord ptr && names.size() < MAX_ADDRESSES) {
                names.add(text(ptr.getTarget()));
            }
        }
        if (names.isEmpty()) {
            return CompletableFuture.completedFuture(new ReverseDns(List.of(), "nodata", false, null, null));
        }
        int type = address instanceof Inet6Address ? Type.AAAA : Type.A;
        List<String> checked = names.subList(0, Math.min(MAX_PTR_CHECKED, names.size()));
        return all(checked.stream().map(name -> addresses(name, type)).toList()).thenApply(backs -> {
            List<String> forward = new ArrayList<>();
            String confirmed = null;
            for (int i = 0; i < checked.size(); i++) {
                Addresses back = backs.get(i);
                forward.add(checked.get(i) + " -> " + (back.failure != null ? back.failure
                        : back.addresses.isEmpty() ? (back.nxdomain ? "nxdomain" : "no address")
                        : String.join(", ", back.addresses)));
                if (confirmed == null && back.addresses.stream().map(IpAddresses::parse)
                        .anyMatch(a -> a.filter(address::equals).isPresent())) {
                    confirmed = checked.get(i);
                }
            }
            return new ReverseDns(names, null, confirmed != null, confirmed, forward);
        });
    }

    /** A and AAAA of one target (in parallel), its CNAME chain, and how the lookup ended. */
    private CompletableFuture<MxRecord> resolveTarget(int preference, String target) {
        Optional<InetAddress> literal = IpAddresses.parse(target);
        if (literal.isPresent()) {
            InetAddress address = literal.get();
            boolean v6 = IpAddresses.family(address) == IpFamily.IPV6;
            return CompletableFuture.completedFuture(new MxRecord(preference, target,
                    v6 ? List.of() : List.of(IpAddresses.text(address)),
                    v6 ? List.of(IpAddresses.text(address)) : List.of(), true, List.of(),
                    AddressResolution.LITERAL, null));
        }
        return addresses(target, Type.A).thenCombine(addresses(target, Type.AAAA),
                (a, aaaa) -> targetRecord(preference, target, a, aaaa));
    }

    private static MxRecord targetRecord(int preference, String target, Addresses a, Addresses aaaa) {
        List<String> chain = !a.chain.isEmpty() ? a.chain : aaaa.chain;
        boolean any = !a.addresses.isEmpty() || !aaaa.addresses.isEmpty();
        String failure = a.failure != null ? "A: " + a.failure : aaaa.failure != null ? "AAAA: " + aaaa.failure : null;
        AddressResolution resolution;
        if (any) {
            resolution = AddressResolution.OK;
        } else if (failure != null) {
            resolution = AddressResolution.ERROR;
        } else if (a.nxdomain || aaaa.nxdomain) {
            resolution = AddressResolution.NXDOMAIN;
        } else {
            resolution = AddressResolution.NO_ADDRESS;
        }
        return new MxRecord(preference, target, a.addresses, aaaa.addresses, false, chain, resolution, failure);
    }

    private record Addresses(List<String> addresses, List<String> chain, boolean nxdomain, String failure) {
    }

    /** Addresses of one type for a name, following CNAMEs the resolver did not chase, loop-safe and bounded. */
    private CompletableFuture<Addresses> addresses(String hostname, int type) {
        Name name;
        try {
            name = Name.fromString(hostname, Name.root);
        } catch (TextParseException e) {
            return CompletableFuture.completedFuture(
                    new Addresses(List.of(), List.of(), false, "not a domain name: " + e.getMessage()));
        }
        return addresses(name, type, new ArrayList<>(), new LinkedHashSet<>(List.of(name)));
    }

    private CompletableFuture<Addresses> addresses(Name current, int type, List<String> chain, Set<Name> seen) {
        return query(current, type).thenCompose(answer -> {
            if (answer.failure != null) {
                return CompletableFuture.completedFuture(new Addresses(List.of(), chain, false, answer.failure));
            }
            List<Record> records = answer.message.getSection(Section.ANSWER);
            // A recursive resolver usually follows the chain itself: walk it through the answer section.
            Name owner = current;
            for (CNAMERecord cname = cnameOf(records, owner); cname != null; cname = cnameOf(records, owner)) {
                owner = cname.getTarget();
                chain.add(text(owner));
                if (!seen.add(owner)) {
                    return CompletableFuture.completedFuture(
                            new Addresses(List.of(), chain, false, "CNAME loop at " + text(owner)));
                }
                if (chain.size() > MAX_CNAME_HOPS) {
                    return CompletableFuture.completedFuture(
                            new Addresses(List.of(), chain, false, "CNAME chain longer than " + MAX_CNAME_HOPS));
                }
            }
            List<String> found = new ArrayList<>();
            for (Record r : records) {
                if (r.getName().equals(owner) && found.size() < MAX_ADDRESSES) {
                    if (r instanceof ARecord ar) {
                        found.add(IpAddresses.text(ar.getAddress()));
                    } else if (r instanceof AAAARecord aaaa) {
                        found.add(IpAddresses.text(aaaa.getAddress()));
                    }
                }
            }
            if (!found.isEmpty() || owner.equals(current)) {
                return CompletableFuture.completedFuture(
                        new Addresses(found, chain, found.isEmpty() && answer.rcode == Rcode.NXDOMAIN, null));
            }
            return addresses(owner, type, chain, seen); // the resolver stopped at a CNAME: ask for its target
        });
    }

    private static CNAMERecord cnameOf(List<Record> records, Name owner) {
        for (Record r : records) {
            if (r instanceof CNAMERecord cname && r.getName().equals(owner)) {
                return cname;
            }
        }
        return null;
    }

    private record Answer(Message message, int rcode, String failure, boolean timedOut) {

        Answer(Message message, int rcode, String failure) {
            this(message, rcode, failure, false);
        }
    }

    /**
     * A query is asked at most {@value #ATTEMPTS} times within {@code checker.dns.timeout}, as a stub
     * resolver would: one UDP datagram lost on the way must not turn into "the MX lookup failed".
     */
    private static final int ATTEMPTS = 2;

    private static java.time.Duration attemptTimeout(java.time.Duration timeout) {
        return timeout.dividedBy(ATTEMPTS);
    }

    /** One query, asked without holding a thread while the answer is awaited; failures become answers too. */
    private CompletableFuture<Answer> query(Name name, int type) {
        return attempt(name, type, ATTEMPTS);
    }

    private CompletableFuture<Answer> attempt(Name name, int type, int attemptsLeft) {
        Message query = Message.newQuery(Record.newRecord(name, type, DClass.IN));
        return resolver.sendAsync(query, steps).toCompletableFuture()
                .handle((response, error) -> error == null ? answer(name, type, response)
                        : failure(name, type, error instanceof CompletionException && error.getCause() != null
                                ? error.getCause() : error))
                .whenComplete((answer, error) -> tell(type, answer))
                .thenCompose(answer -> answer.timedOut() && attemptsLeft > 1
                        ? attempt(name, type, attemptsLeft - 1) : CompletableFuture.completedFuture(answer));
    }

    private void tell(int type, Answer answer) {
        DnsQueryListener.Outcome outcome = answer == null ? DnsQueryListener.Outcome.ERROR
                : answer.message == null ? (answer.timedOut ? DnsQueryListener.Outcome.TIMEOUT
                        : DnsQueryListener.Outcome.ERROR)
                : switch (answer.rcode) {
                    case Rcode.NOERROR -> DnsQueryListener.Outcome.NOERROR;
                    case Rcode.NXDOMAIN -> DnsQueryListener.Outcome.NXDOMAIN;
                    case Rcode.SERVFAIL -> DnsQueryListener.Outcome.SERVFAIL;
                    case Rcode.REFUSED -> DnsQueryListener.Outcome.REFUSED;
                    default -> DnsQueryListener.Outcome.OTHER_RCODE;
                };
        try {
            queries.answered(Type.string(type), outcome);
        } catch (RuntimeException ignored) {
            // Metrics must never change a lookup.
        }
    }

    private Answer failure(Name name, int type, Throwable e) {
        // dnsjava reports an unanswered query as a plain IOException "Timed out while trying to resolve…".
        if (e instanceof SocketTimeoutException || e instanceof TimeoutException
                || String.valueOf(e.getMessage()).startsWith("Timed out")) {
            return new Answer(null, -1, "timeout asking " + resolverLabel + " for " + text(name) + " "
                    + Type.string(type), true);
        }
        String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new Answer(null, -1, "error asking " + resolverLabel + " for " + text(name) + " "
                + Type.string(type) + ": " + why);
    }

    private Answer answer(Name name, int type, Message response) {
        int rcode = response.getRcode();
        if (rcode != Rcode.NOERROR && rcode != Rcode.NXDOMAIN) {
            return new Answer(response, rcode, resolverLabel + " answered " + Rcode.string(rcode) + " for "
                    + text(name) + " " + Type.string(type));
        }
        return new Answer(response, rcode, null);
    }

    /** Every future's value, in order. */
    private static <T> CompletableFuture<List<T>> all(List<CompletableFuture<T>> futures) {
        return CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0]))
                .thenApply(done -> futures.stream().map(CompletableFuture::join).toList());
    }

    /** Stops the threads that run lookup steps; lookups in flight end with their resolver's timeout. */
    public void shutdown() {
        steps.shutdownNow();
    }

    private static ThreadPoolExecutor boundedDaemonPool(int threads, String name) {
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, name + "-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    private static String text(Name name) {
        return name.toString(true).toLowerCase(Locale.ROOT);
    }

}
