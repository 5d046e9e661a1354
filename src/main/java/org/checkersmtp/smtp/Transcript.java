package org.checkersmtp.smtp;

import java.util.ArrayList;
import java.util.List;
import org.checkersmtp.observation.TranscriptLine;

/**
 * Every line of a session, verbatim, stamped with its offset from the start of the session; the
 * session's stopwatch too (monotonic: durations, unlike deadlines, must not follow clock changes).
 * A connection that needs no record (the TLS sibling's) gets one that keeps only the stopwatch.
 */
public final class Transcript {

    private final long startNanos = System.nanoTime();
    /** Null when lines are not kept. */
    private final List<TranscriptLine> lines;

    private Transcript(List<TranscriptLine> lines) {
        this.lines = lines;
    }

    public static Transcript recording() {
        return new Transcript(new ArrayList<>());
    }

    public static Transcript none() {
        return new Transcript(null);
    }

    public long elapsedMs() {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    void client(String line) {
        add(TranscriptLine.CLIENT, line);
    }

    void server(String line) {
        add(TranscriptLine.SERVER, line);
    }

    public void event(String line) {
        add(TranscriptLine.EVENT, line);
    }

    public List<TranscriptLine> lines() {
        return lines == null ? List.of() : List.copyOf(lines);
    }

    private void add(String dir, String line) {
        if (lines != null) {
            lines.add(new TranscriptLine(dir, elapsedMs(), line));
        }
    }
}
