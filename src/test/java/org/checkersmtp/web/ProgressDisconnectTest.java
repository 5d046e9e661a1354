package org.checkersmtp.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.checkersmtp.testsupport.ScriptedSmtpServer;
import org.checkersmtp.testsupport.ZoneDnsServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A person who closes the tab while the streamed check runs: the check still ends (and is cached), and the
 * log says in one INFO line that the client left, with no ERROR and no stack trace.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "checker.security.users[0].username=alice",
    "checker.security.users[0].password={noop}alice-secret",
    "checker.targets.allow-private=true",
})
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
class ProgressDisconnectTest {

    private static final Duration GREET_DELAY = Duration.ofSeconds(2);

    private static ZoneDnsServer dns;
    private static ScriptedSmtpServer mx;

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) throws Exception {
        dns = new ZoneDnsServer(String.join("\n",
                "leaving.test. 300 IN MX 10 mx.leaving.test.",
                "mx.leaving.test. 300 IN A 127.0.0.63"));
        mx = ScriptedSmtpServer.builder().address(InetAddress.getByName("127.0.0.63")).port(0)
                .greetDelay(GREET_DELAY).start();
        registry.add("checker.dns.servers", dns::address);
        registry.add("checker.smtp.port", mx::port);
    }

    @AfterAll
    static void stop() {
        mx.close();
        dns.close();
    }

    @LocalServerPort
    int port;

    @Test
    void aClientThatClosesTheStreamWhileTheCheckRunsIsOneInfoLine(CapturedOutput output) throws Exception {
        PageBrowser browser = new PageBrowser(port);
        browser.login("alice", "alice-secret");
        String body = "_csrf=" + browser.csrf() + "&domain=leaving.test";
        int connectionsBefore = mx.connections();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + CheckController.PROGRESS + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
                    + "Accept: text/event-stream, text/html;q=0.9\r\nCookie: " + browser.cookieHeader() + "\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + body.length()
                    + "\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String start = new String(in.readNBytes(15), StandardCharsets.US_ASCII);
            assertThat(start).isEqualTo("HTTP/1.1 200 \r\n");
            // Wait until the server is greeting late: the check is running when the client leaves.
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (mx.connections() == connectionsBefore && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(mx.connections()).as("the check reached the MX").isGreaterThan(connectionsBefore);
            socket.setSoLinger(true, 0); // a reset, as a closed tab often is
        }
        // The check ends after the late greeting; its writer then finds the client gone.
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!output.getOut().contains("the client left") && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        Thread.sleep(1000); // anything logged after the INFO line (an error dispatch) shows up too
        List<String> lines = output.getAll().lines().toList();
        assertThat(lines.stream().filter(l -> l.contains("the client left")))
                .singleElement().satisfies(l -> assertThat(l).contains(" INFO ").contains("leaving.test"));
        assertThat(lines).noneMatch(l -> l.contains(" ERROR ") || l.contains(" WARN "))
                .noneMatch(l -> l.startsWith("\tat ") || l.contains("Exception"));
    }
}
