package org.checkersmtp.check;

import java.util.Locale;

/** Who asked for a check: happyDomain's API, a person on the /check page, or the command line. */
public enum EntryPoint {
    API, WEB, CLI;

    /** The name used in logs and as a metrics label ("api", "web", "cli"). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
