package org.checkersmtp.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The service as operators run it: the production jar in its own JVM, started with the given JVM flags
 * and properties, its output kept in a log file. Start-up is timed to the first successful /health;
 * memory and threads are read from /proc, so they are the process's, not the heap's.
 */
final class CheckerProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Duration startup;
    private final List<String> jvmFlags;
    private final Path log;

    private CheckerProcess(Process process, int port, Duration startup, List<String> jvmFlags, Path log) {
        this.process = process;
        this.port = port;
        this.startup = startup;
        this.jvmFlags = jvmFlags;
        this.log = log;
    }

    static CheckerProcess start(Path jar, List<String> jvmFlags, Map<String, String> properties, Path log)
            throws IOException, InterruptedException {
        List<String> launch = new ArrayList<>();
        launch.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        launch.addAll(jvmFlags);
        launch.add("-jar");
        launch.add(jar.toAbsolutePath().toString());
        return start(launch, Map.of(), jvmFlags, properties, log);
    }

    /** As above, started by {@code launch} (e.g. the launcher script, which execs the JVM) with {@code env}. */
    static CheckerProcess start(List<String> launch, Map<String, String> env, List<String> jvmFlags,
                                Map<String, String> properties, Path log) throws IOException, InterruptedException {
        int port = freePort();
        List<String> command = new ArrayList<>(launch);
        command.add("--server.address=127.0.0.1");
        command.add("--server.port=" + port);
        properties.forEach((k, v) -> command.add("--" + k + "=" + v));
        Files.createDirectories(log.getParent());
        long started = System.nanoTime();
        // Started away from the repository: Spring Boot would read ./config/application.yml (the hosted
        // example) from the working directory, and the figures are for the jar's own defaults.
        ProcessBuilder builder = new ProcessBuilder(command).directory(log.getParent().toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                .timeout(Duration.ofSeconds(2)).build();
        long giveUp = started + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < giveUp) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the checker exited with " + process.exitValue() + " at start-up; see "
                        + log);
            }
            try {
                if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return new CheckerProcess(process, port, Duration.ofNanos(System.nanoTime() - started),
                            List.copyOf(jvmFlags), log);
                }
            } catch (IOException notYet) {
                // Not listening yet.
            }
            Thread.sleep(10);
        }
        process.destroyForcibly();
        throw new IllegalStateException("no successful /health within 90 s; see " + log);
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    int port() {
        return port;
    }

    /** Wall time from process start to the first 200 from /health. */
    Duration startup() {
        return startup;
    }

    List<String> jvmFlags() {
        return jvmFlags;
    }

    Path log() {
        return log;
    }

    /** CPU time the process has used so far (user and system, from /proc). */
    Duration cpu() {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime (clock ticks)
            return Duration.ofMillis(ticks * 10);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc stat of the checker: " + e.getMessage(), e);
        }
    }

    /** Resident memory now, in KiB. */
    long rssKb() {
        return status("VmRSS:");
    }

    /** The most resident memory the process ever had (the kernel's high-water mark), in KiB. */
    long peakRssKb() {
        return status("VmHWM:");
    }

    int threads() {
        return (int) status("Threads:");
    }

    private long status(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"),
                    StandardCharsets.US_ASCII)) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc status of the checker: " + e.getMessage(), e);
        }
        throw new IllegalStateException("no " + field + " in /proc status");
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
