package org.checkersmtp.collect;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PerAddressGateTest {

    private final PerAddressGate gate = new PerAddressGate();

    @Test
    void oneSessionPerAddressAtATime() throws Exception {
        InetAddress a = InetAddress.getByName("192.0.2.1");
        InetAddress b = InetAddress.getByName("192.0.2.2");
        assertThat(gate.acquire(a, Duration.ZERO)).isTrue();
        assertThat(gate.acquire(a, Duration.ofMillis(100))).as("second session to the same address waits").isFalse();
        assertThat(gate.acquire(b, Duration.ZERO)).as("another address is independent").isTrue();
        gate.release(a);
        assertThat(gate.acquire(a, Duration.ZERO)).isTrue();
        gate.release(a);
        gate.release(b);
        assertThat(gate.trackedAddresses()).as("no entry outlives its users").isZero();
    }

    @Test
    void aWaiterGetsTheAddressWhenItIsReleased() throws Exception {
        InetAddress a = InetAddress.getByName("192.0.2.3");
        assertThat(gate.acquire(a, Duration.ZERO)).isTrue();
        Thread releaser = new Thread(() -> {
            try {
                Thread.sleep(200);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
            gate.release(a);
        });
        releaser.start();
        assertThat(gate.acquire(a, Duration.ofSeconds(5))).isTrue();
        gate.release(a);
        releaser.join();
        assertThat(gate.trackedAddresses()).isZero();
    }
}
