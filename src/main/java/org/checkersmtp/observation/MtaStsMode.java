package org.checkersmtp.observation;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The modes of an MTA-STS policy (RFC 8461 §3.2). The observation keeps the published word as it was
 * ({@link MtaSts#mode()}), so that an unknown one is still shown; this is its reading.
 */
public enum MtaStsMode {
    ENFORCE, TESTING, NONE;

    /** The word a policy file carries ("enforce"). */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The mode a published word names (case-sensitive, as RFC 8461 writes them); empty for any other word. */
    public static Optional<MtaStsMode> of(String word) {
        return Arrays.stream(values()).filter(m -> m.word().equals(word)).findFirst();
    }
}
