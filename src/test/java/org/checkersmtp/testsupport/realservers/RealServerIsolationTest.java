package org.checkersmtp.testsupport.realservers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import org.checkersmtp.testsupport.realservers.PostfixInstance.Personality;
import org.junit.jupiter.api.Test;

/**
 * The real-server tests talk only to servers they started: in a network namespace of their own, and
 * with each Postfix's identity proven by its banner before any test reads it.
 */
class RealServerIsolationTest {

    @Test
    void theTestJvmHasANetworkOfItsOwnWithOnlyLoopback() throws Exception {
        RealServers.require("own".equals(System.getenv("CHECKER_TEST_NETWORK")),
                "the test JVM did not get a network namespace of its own (root, unshare and ip are needed;"
                        + " CHECKER_TEST_NETWORK=" + System.getenv("CHECKER_TEST_NETWORK") + ")");
        assertThat(Collections.list(NetworkInterface.getNetworkInterfaces()))
                .extracting(NetworkInterface::getName)
                .containsExactly("lo");
    }

    @Test
    void aPostfixWhoseAddressIsTakenByAnotherServerFailsToStartInsteadOfAnsweringForIt() throws Exception {
        RealServers.requireRoot();
        String address = "127.0.0.23";
        try (ServerSocket stranger = new ServerSocket(25, 10, InetAddress.getByName(address))) {
            Thread answering = new Thread(() -> {
                while (!stranger.isClosed()) {
                    try (Socket client = stranger.accept(); OutputStream out = client.getOutputStream()) {
                        out.write("220 someone-else.example ESMTP Postfix (Debian/GNU)\r\n"
                                .getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                    } catch (Exception closed) {
                        return;
                    }
                }
            }, "stranger");
            answering.setDaemon(true);
            answering.start();
            assertThatThrownBy(() -> PostfixInstance.start(Personality.GOOD, address, "clash.test", false).close())
                    .hasMessageContaining("another server answers on " + address + ":25")
                    .hasMessageContaining("someone-else.example");
        }
    }
}
