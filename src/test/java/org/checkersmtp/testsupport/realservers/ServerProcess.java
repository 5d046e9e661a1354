package org.checkersmtp.testsupport.realservers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A server a test started as a child process, working in its own temporary directory with its output in
 * a log file there: stopped (and the directory deleted) by {@link #close()}, or at the latest when the
 * JVM exits, so that no server outlives the test run.
 */
public final class ServerProcess implements AutoCloseable {

    private final Path dir;
    private final Path log;
    private final Process process;
    private final Thread shutdownHook;

    private ServerProcess(Path dir, Path log, Process process) {
        this.dir = dir;
        this.log = log;
        this.process = process;
        this.shutdownHook = new Thread(this::stop, "stop-" + command(process));
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Runs {@code command} with stdout and stderr into {@code dir/logFile}. */
    public static ServerProcess start(Path dir, String logFile, List<String> command) throws IOException {
        Path log = dir.resolve(logFile);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new ServerProcess(dir, log, process);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** What the server printed, for failure messages. */
    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log)";
        }
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException ignored) {
            // Already shutting down.
        }
    }

    private synchronized void stop() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        RealServers.deleteRecursively(dir);
    }

    private static String command(Process process) {
        return process.info().command().map(c -> Path.of(c).getFileName().toString()).orElse("server");
    }
}
