package org.checkersmtp.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The figures of one run: printed as they are measured, and written as a Markdown table at the end. */
final class Figures {

    private record Figure(String benchmark, String measure, String value, String note) {
    }

    private final List<Figure> figures = new ArrayList<>();
    private final List<String> context = new ArrayList<>();

    /** A fact about the run (machine, flags, prober commit) printed above the table. */
    void context(String line) {
        context.add(line);
        System.out.println("# " + line);
    }

    void add(String benchmark, String measure, String value, String note) {
        figures.add(new Figure(benchmark, measure, value, note));
        System.out.printf(Locale.ROOT, "%-28s %-52s %14s   %s%n", benchmark, measure, value, note);
    }

    static String ratio(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    static String count(double value) {
        return String.format(Locale.ROOT, "%,.0f", value);
    }

    void write(Path file) throws IOException {
        StringBuilder md = new StringBuilder();
        for (String line : context) {
            md.append("- ").append(line).append('\n');
        }
        md.append("\n| benchmark | measure | value | how |\n|---|---|---:|---|\n");
        for (Figure f : figures) {
            md.append("| ").append(f.benchmark()).append(" | ").append(f.measure()).append(" | ").append(f.value())
                    .append(" | ").append(f.note()).append(" |\n");
        }
        Files.createDirectories(file.getParent());
        Files.writeString(file, md);
        System.out.println("figures written to " + file);
    }
}
