package org.checkersmtp.collect;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.checkersmtp.smtp.Deadline;

/**
 * The SMTP session slots of this process ({@code checker.probe.max-parallel}), shared fairly between
 * the checks running at the same time, and politely towards the servers:
 * <ul>
 *   <li>a free slot goes to the waiting check that holds the fewest (ties taken in turn), so a check
 *       holds more than its share ({@code slots / checks}) only while no other check waits, and a
 *       check that just arrived is served before every session another check still has queued;</li>
 *   <li>a session waits, without holding a slot or a thread, while another session to the same
 *       address is open (mail servers rate-limit and blocklist probers that open parallel
 *       connections), and a session to a free address may overtake it.</li>
 * </ul>
 * One thread per open session: a thread whose session ends goes straight on with the next session
 * due, idle threads are reused, and a thread idle for 30 s ends; so the threads follow the sessions
 * open, not the sessions started.
 */
final class SessionScheduler {

    private final int slots;
    private final ThreadPoolExecutor workers;
    private final Object lock = new Object();
    /** Open checks, in arrival order: the order ties are served in, from {@link #turn}. */
    private final List<Check> checks = new ArrayList<>();
    /** Addresses with a session open, whichever check it belongs to. */
    private final Set<InetAddress> busy = new HashSet<>();
    private int running;
    private int turn;

    SessionScheduler(int slots) {
        this.slots = slots;
        AtomicInteger n = new AtomicInteger();
        // No queue and no fixed size: the scheduler itself never starts more than `slots` sessions, and a
        // new thread is made only when no idle one can take the session.
        this.workers = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                r -> {
                    Thread t = new Thread(r, "smtp-session-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    /** Registers a check; close it when its collect ends, to withdraw what it still has queued. */
    Check open() {
        synchronized (lock) {
            Check check = new Check();
            checks.add(check);
            return check;
        }
    }

    /**
     * A slot for work that runs on the caller's own thread (the TLS sibling's connections): granted by
     * the same rules as a session, as a check of its own, and held until closed. Empty when none came
     * before {@code deadline}.
     */
    Optional<SessionSlot> hold(InetAddress address, Deadline deadline) throws InterruptedException {
        try (Check check = open()) {
            Session<SessionSlot> session = new Session<>(check, address, null);
            CompletableFuture<SessionSlot> granted = check.enqueue(session);
            try {
                return Optional.of(granted.get(deadline.remaining().toMillis(), TimeUnit.MILLISECONDS));
            } catch (TimeoutException | InterruptedException e) {
                if (!check.withdraw(granted)) {
                    granted.join().close(); // granted meanwhile: give it back
                }
                if (e instanceof InterruptedException interrupted) {
                    throw interrupted;
                }
                return Optional.empty();
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        }
    }

    void shutdown() {
        workers.shutdownNow();
    }

    /** One check's sessions. */
    final class Check implements AutoCloseable {
        private final LinkedList<Session<?>> queued = new LinkedList<>();
        private int open;

        /** Runs {@code session} when this check's turn, a slot and the address are free. */
        <T> CompletableFuture<T> submit(InetAddress address, Supplier<T> session) {
            return enqueue(new Session<>(this, address, session));
        }

        private <T> CompletableFuture<T> enqueue(Session<T> s) {
            synchronized (lock) {
                queued.add(s);
                dispatch();
            }
            return s.result;
        }

        /** Takes a session that has not started yet out of the queue; false when it has started (or ended). */
        boolean withdraw(CompletableFuture<?> result) {
            synchronized (lock) {
                return queued.removeIf(s -> s.result == result);
            }
        }

        /** Withdraws every session that has not started; those running finish on their own. */
        @Override
        public void close() {
            synchronized (lock) {
                queued.clear();
                checks.remove(this);
                dispatch();
            }
        }

        private Session<?> firstStartable() {
            for (Session<?> s : queued) {
                if (!busy.contains(s.address)) {
                    return s;
                }
            }
            return null;
        }
    }

    /** Queued work; a session without a body is a {@link #hold}: granted, not run. */
    private final class Session<T> {
        final Check check;
        final InetAddress address;
        final Supplier<T> body;
        final CompletableFuture<T> result = new CompletableFuture<>();
        private final AtomicBoolean ended = new AtomicBoolean();

        Session(Check check, InetAddress address, Supplier<T> body) {
            this.check = check;
            this.address = address;
            this.body = body;
        }

        /** Runs this session, then on the same thread every session due when one ends here. */
        void run() {
            Session<?> session = this;
            while (session != null) {
                session.execute();
                session = session.endAndTakeNext();
            }
        }

        private void execute() {
            try {
                result.complete(body.get());
            } catch (RuntimeException | Error e) {
                result.completeExceptionally(e);
            }
        }

        @SuppressWarnings("unchecked")
        void grant() {
            ((CompletableFuture<SessionSlot>) result).complete(this::end);
        }

        /** Frees the slot and the address, once. */
        void end() {
            Session<?> next = endAndTakeNext();
            if (next != null) {
                workers.execute(next::run);
            }
        }

        /** Frees the slot and the address (once) and starts what is due, keeping one session for this thread. */
        private Session<?> endAndTakeNext() {
            if (!ended.compareAndSet(false, true)) {
                return null;
            }
            synchronized (lock) {
                running--;
                check.open--;
                busy.remove(address);
                Session<?> mine = null;
                for (Session<?> next = take(); next != null; next = take()) {
                    if (next.body == null) {
                        next.grant();
                    } else if (mine == null) {
                        mine = next;
                    } else {
                        workers.execute(next::run);
                    }
                }
                return mine;
            }
        }
    }

    /** Starts sessions while slots are free, each on a thread (or granted, for a hold). */
    private void dispatch() {
        for (Session<?> next = take(); next != null; next = take()) {
            if (next.body == null) {
                next.grant();
            } else {
                workers.execute(next::run);
            }
        }
    }

    /**
     * The session to start next, counted as open, when a slot is free: the first startable session of
     * the waiting check that holds the fewest; null when there is no slot or nothing can start.
     */
    private Session<?> take() {
        if (running >= slots) {
            return null;
        }
        Check chosen = null;
        Session<?> next = null;
        int chosenAt = -1;
        for (int i = 0; i < checks.size(); i++) {
            int at = (turn + i) % checks.size();
            Check check = checks.get(at);
            Session<?> startable = check.firstStartable();
            if (startable != null && (chosen == null || check.open < chosen.open)) {
                chosen = check;
                next = startable;
                chosenAt = at;
            }
        }
        if (next == null) {
            return null;
        }
        turn = chosenAt + 1;
        chosen.queued.remove(next);
        chosen.open++;
        running++;
        busy.add(next.address);
        return next;
    }

    /** Sessions open now, across every check (for tests and metrics). */
    int running() {
        synchronized (lock) {
            return running;
        }
    }
}
