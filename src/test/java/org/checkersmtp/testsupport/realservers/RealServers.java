package org.checkersmtp.testsupport.realservers;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Guards and helpers for tests that run real servers (Postfix, Knot) on loopback. A missing binary
 * (or not being root, which port 25 needs) skips the test on a developer's machine, but fails it in
 * CI ({@code CI=true}): there, a skipped real-server test would hide that nothing was tested.
 */
public final class RealServers {

    private RealServers() {}

    public static boolean inCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** Skips (laptop) or fails (CI) the test when the condition does not hold. */
    public static void require(boolean available, String what) {
        if (available) {
            return;
        }
        String message = what + " — install the packages listed in .ci/run (and run as root) to run this test";
        if (inCi()) {
            fail("CI=true and " + message);
        }
        Assumptions.abort(message);
    }

    /** The path of a binary, looked up in PATH and the given candidates; requires it. */
    public static Path binary(String name, String... candidates) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        for (String candidate : candidates) {
            if (Files.isExecutable(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        require(false, name + " is not installed");
        return null;
    }

    public static void requireRoot() {
        require("root".equals(System.getProperty("user.name")), "this test binds port 25 and must run as root");
    }

    /** Runs a command to completion within the timeout; fails with its output when it does not succeed. */
    public static String run(List<String> command, Duration timeout) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish in " + timeout);
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " exited " + process.exitValue()
                        + ": " + output);
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + command, e);
        }
    }

    public static void deleteRecursively(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // Temporary test files: nothing to do if they linger.
        }
    }
}
