package org.checkersmtp.check;

import java.util.Locale;

/**
 * Who asked for a check: happyDomain's API, a person on the /check page, the command line, or a Prometheus
 * scrape of /probe.
 */
public enum EntryPoint {
    API, WEB, CLI, EXPORTER;

    /** The name used in logs and as a metrics label ("api", "web", "cli", "exporter"). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
