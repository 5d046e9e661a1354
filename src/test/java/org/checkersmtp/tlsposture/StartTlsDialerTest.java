package org.checkersmtp.tlsposture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import org.checkersmtp.observation.TlsFailure;
import org.checkersmtp.smtp.Deadline;
import org.checkersmtp.smtp.SmtpLimits;
import org.checkersmtp.testsupport.MutableClock;
import org.checkersmtp.testsupport.ScriptedSmtpServer;
import org.junit.jupiter.api.Test;

/** The sibling's way to a handshake goes through the shared SMTP client: its limits, its deadline. */
class StartTlsDialerTest {

    private static final SmtpLimits LIMITS = new SmtpLimits(1000, 20, 64 * 1024);

    private static Deadline soon() {
        return Deadline.after(Duration.ofSeconds(3), Clock.systemUTC());
    }

    private static InetSocketAddress at(ScriptedSmtpServer server) {
        return new InetSocketAddress(server.address(), server.port());
    }

    @Test
    void reachesTheHandshakeAfterGreetingEhloAndStartTls() throws Exception {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.builder().starttls().start()) {
            Socket socket = StartTlsDialer.open(at(server), "probe.test", soon(), LIMITS);
            socket.close();
            assertThat(server.commands()).containsExactly("EHLO probe.test", "STARTTLS");
        }
    }

    @Test
    void anEhloReplyLongerThanTheConfiguredLimitIsAFailure() {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.builder().starttls()
                .reply("EHLO", Collections.nCopies(30, "250-mx.test.example").toArray(String[]::new)).start()) {
            assertThatThrownBy(() -> StartTlsDialer.open(at(server), "probe.test", soon(), LIMITS))
                    .isInstanceOfSatisfying(PostureFailure.class, f -> {
                        assertThat(f.code()).isEqualTo(TlsFailure.TCP_UNREACHABLE);
                        assertThat(f.getMessage()).isEqualTo("reply longer than 20 lines");
                    });
        }
    }

    @Test
    void aRefusedStartTlsNamesTheReply() {
        try (ScriptedSmtpServer server = ScriptedSmtpServer.builder().extensions("STARTTLS")
                .reply("STARTTLS", "454 4.7.0 TLS not available").start()) {
            assertThatThrownBy(() -> StartTlsDialer.open(at(server), "probe.test", soon(), LIMITS))
                    .isInstanceOfSatisfying(PostureFailure.class, f -> {
                        assertThat(f.code()).isEqualTo(TlsFailure.STARTTLS_REFUSED);
                        assertThat(f.getMessage()).isEqualTo("STARTTLS answered 454 4.7.0 TLS not available");
                    });
        }
    }

    @Test
    void theDeadlineIsReadOnTheInjectedClock() {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        Deadline deadline = Deadline.after(Duration.ofSeconds(30), clock);
        clock.advance(Duration.ofSeconds(31));
        try (ScriptedSmtpServer server = ScriptedSmtpServer.builder().starttls().start()) {
            assertThatThrownBy(() -> StartTlsDialer.open(at(server), "probe.test", deadline, LIMITS))
                    .isInstanceOfSatisfying(PostureFailure.class,
                            f -> assertThat(f.code()).isEqualTo(TlsFailure.DEADLINE));
            assertThat(server.commands()).isEmpty();
        }
    }
}
