package org.checkersmtp.collect;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The session slots: shared fairly between checks, one session per address, never more threads than slots. */
class SessionSchedulerTest {

    private final SessionScheduler scheduler = new SessionScheduler(4);
    private final List<String> started = new CopyOnWriteArrayList<>();
    private final java.util.Set<Thread> threads = java.util.concurrent.ConcurrentHashMap.newKeySet();

    @AfterEach
    void stop() {
        scheduler.shutdown();
    }

    /** A session that records its start and holds its slot until released. */
    private CompletableFuture<String> hold(SessionScheduler.Check check, String name, String address,
                                           CountDownLatch release) throws Exception {
        return check.submit(InetAddress.getByName(address), () -> {
            started.add(name);
            threads.add(Thread.currentThread());
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return name;
        });
    }

    private void awaitStarted(int n) throws InterruptedException {
        for (int i = 0; i < 500 && started.size() < n; i++) {
            Thread.sleep(10);
        }
        assertThat(started).hasSizeGreaterThanOrEqualTo(n);
    }

    @Test
    void aCheckAloneTakesEverySlotThenAFreedSlotGoesToTheCheckHoldingFewest() throws Exception {
        SessionScheduler.Check big = scheduler.open();
        SessionScheduler.Check small = scheduler.open();
        CountDownLatch[] bigRelease = new CountDownLatch[8];
        for (int i = 0; i < 8; i++) {
            bigRelease[i] = new CountDownLatch(1);
            hold(big, "big" + i, "127.0.0." + (20 + i), bigRelease[i]);
        }
        awaitStarted(4);
        assertThat(started).containsExactlyInAnyOrder("big0", "big1", "big2", "big3");

        CountDownLatch smallRelease = new CountDownLatch(1);
        hold(small, "small0", "127.0.1.1", smallRelease);
        hold(small, "small1", "127.0.1.2", smallRelease);
        Thread.sleep(100);
        assertThat(started).as("no slot free: the newcomer waits, but first in line").hasSize(4);

        bigRelease[0].countDown();
        awaitStarted(5);
        bigRelease[1].countDown();
        awaitStarted(6);
        assertThat(started.subList(4, 6)).as("freed slots go to the check holding fewer, ahead of big's queue")
                .containsExactly("small0", "small1");

        bigRelease[2].countDown();
        awaitStarted(7);
        assertThat(started.get(6)).as("with nobody else waiting, big gets its slots back").isEqualTo("big4");
        smallRelease.countDown();
        for (CountDownLatch l : bigRelease) {
            l.countDown();
        }
    }

    @Test
    void oneSessionPerAddressAndAFreeAddressOvertakesWithoutASlotHeld() throws Exception {
        SessionScheduler.Check a = scheduler.open();
        SessionScheduler.Check b = scheduler.open();
        CountDownLatch first = new CountDownLatch(1);
        CountDownLatch rest = new CountDownLatch(1);
        hold(a, "a-to-mx", "127.0.0.10", first);
        awaitStarted(1);
        CompletableFuture<String> sameAddress = hold(b, "b-to-mx", "127.0.0.10", rest);
        hold(b, "b-elsewhere", "127.0.0.11", rest);
        awaitStarted(2);
        assertThat(started).containsExactly("a-to-mx", "b-elsewhere");
        assertThat(scheduler.running()).as("the session waiting for its address holds no slot").isEqualTo(2);

        first.countDown();
        awaitStarted(3);
        assertThat(started.get(2)).isEqualTo("b-to-mx");
        rest.countDown();
        assertThat(sameAddress.get(5, TimeUnit.SECONDS)).isEqualTo("b-to-mx");
    }

    @Test
    void aWithdrawnOrClosedCheckSessionNeverStarts() throws Exception {
        SessionScheduler.Check check = scheduler.open();
        CountDownLatch release = new CountDownLatch(1);
        hold(check, "running", "127.0.0.10", release);
        awaitStarted(1);
        CompletableFuture<String> queued = hold(check, "queued", "127.0.0.10", release);
        CompletableFuture<String> closedOut = hold(check, "closed-out", "127.0.0.10", release);
        assertThat(check.withdraw(queued)).isTrue();
        check.close();
        release.countDown();
        Thread.sleep(200);
        assertThat(started).containsExactly("running");
        assertThat(queued).isNotDone();
        assertThat(closedOut).isNotDone();
    }

    @Test
    void neverMoreSessionThreadsThanSlots() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        for (int c = 0; c < 20; c++) {
            SessionScheduler.Check check = scheduler.open();
            for (int i = 0; i < 5; i++) {
                hold(check, c + "/" + i, "127.0." + c + "." + (i + 1), release);
            }
        }
        awaitStarted(4);
        Thread.sleep(100);
        assertThat(started).hasSize(4);
        release.countDown();
        awaitStarted(100);
        assertThat(threads).as("threads that ran the 100 sessions").hasSizeLessThanOrEqualTo(4);
    }

    @Test
    void aSlotHeldOutsideTheCollectorKeepsItsAddressAndCountsAgainstTheCap() throws Exception {
        SessionScheduler one = new SessionScheduler(1);
        try {
            InetAddress a = InetAddress.getByName("127.0.0.30");
            SessionSlot held = one.hold(a, org.checkersmtp.smtp.Deadline.after(
                    java.time.Duration.ofSeconds(1), java.time.Clock.systemUTC())).orElseThrow();
            CompletableFuture<String> session;
            try (SessionScheduler.Check check = one.open()) {
                session = check.submit(a, () -> "smtp");
                Thread.sleep(200);
                assertThat(session).as("an SMTP session to the held address waits").isNotDone();
                held.close();
                assertThat(session.get(5, TimeUnit.SECONDS)).isEqualTo("smtp");
            }
            assertThat(one.hold(InetAddress.getByName("127.0.0.31"), org.checkersmtp.smtp.Deadline.after(
                    java.time.Duration.ofSeconds(1), java.time.Clock.systemUTC()))).isPresent();
            assertThat(one.hold(a, org.checkersmtp.smtp.Deadline.after(java.time.Duration.ofMillis(100),
                    java.time.Clock.systemUTC()))).as("the only slot is held: none before the deadline").isEmpty();
        } finally {
            one.shutdown();
        }
    }

    @Test
    void sessionsOneAfterAnotherReuseOneThread() throws Exception {
        SessionScheduler.Check check = scheduler.open();
        java.util.Set<Thread> used = java.util.concurrent.ConcurrentHashMap.newKeySet();
        for (int i = 0; i < 10; i++) {
            check.submit(InetAddress.getByName("127.0.0." + (40 + i)), () -> used.add(Thread.currentThread()))
                    .get(5, TimeUnit.SECONDS);
            Thread.sleep(20); // the thread is back among the idle ones before the next session comes
        }
        assertThat(used).as("threads for ten sessions that never overlap").hasSize(1);
    }
}
