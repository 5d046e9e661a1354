package org.checkersmtp.rules;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Comparator;
import java.util.List;

/** The SDK's status, an integer on the wire; a higher value is worse (ERROR aside, it wins aggregation). */
public enum Status {
    UNKNOWN(0, false), OK(1, false), INFO(2, false), WARN(3, true), CRIT(4, true), ERROR(5, true);

    /**
     * The one order of severity for a reader, most severe first: what every list sorts by (a CRIT finding is a
     * proven problem, so it comes before an ERROR, a check that could not be made). The headline keeps the
     * SDK's aggregation ({@link #worst}).
     */
    public static final List<Status> MOST_SEVERE_FIRST = List.of(CRIT, ERROR, WARN, UNKNOWN, INFO, OK);

    /** Sorts by {@link #MOST_SEVERE_FIRST}. */
    public static final Comparator<Status> BY_SEVERITY = Comparator.comparingInt(MOST_SEVERE_FIRST::indexOf);

    private final int code;
    private final boolean needsFixing;

    Status(int code, boolean needsFixing) {
        this.code = code;
        this.needsFixing = needsFixing;
    }

    /** A finding a reader must act on (WARN, CRIT, and ERROR: what could not be checked needs a look too). */
    public boolean needsFixing() {
        return needsFixing;
    }

    @JsonValue
    public int code() {
        return code;
    }

    @JsonCreator
    public static Status of(int code) {
        for (Status s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        throw new IllegalArgumentException("status must be an integer from 0 to 5, got " + code);
    }

    public static Status worst(Iterable<Status> statuses) {
        Status worst = UNKNOWN;
        for (Status s : statuses) {
            if (s.code > worst.code) {
                worst = s;
            }
        }
        return worst;
    }

    /**
     * The headline a person reads: the worst status, except that a check whose worst finding is INFO
     * passed (notes are not problems) and reads OK.
     */
    public static Status verdict(Iterable<Status> statuses) {
        Status worst = worst(statuses);
        return worst == INFO ? OK : worst;
    }
}
