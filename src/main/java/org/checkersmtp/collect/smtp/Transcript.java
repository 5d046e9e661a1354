package org.checkersmtp.collect.smtp;

import java.util.ArrayList;
import java.util.List;
import org.checkersmtp.observation.TranscriptLine;

/**
 * Every line of a session, verbatim, stamped with its offset from the start of the session; the
 * session's stopwatch too (monotonic: durations, unlike deadlines, must not follow clock changes).
 */
final class Transcript {

    private final long startNanos = System.nanoTime();
    private final List<TranscriptLine> lines = new ArrayList<>();

    long elapsedMs() {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    void client(String line) {
        lines.add(new TranscriptLine(TranscriptLine.CLIENT, elapsedMs(), line));
    }

    void server(String line) {
        lines.add(new TranscriptLine(TranscriptLine.SERVER, elapsedMs(), line));
    }

    void event(String line) {
        lines.add(new TranscriptLine(TranscriptLine.EVENT, elapsedMs(), line));
    }

    List<TranscriptLine> lines() {
        return List.copyOf(lines);
    }
}
