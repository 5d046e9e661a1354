package org.checkersmtp.rules;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The SDK's status, an integer on the wire; a higher value is worse (ERROR aside, it wins aggregation). */
public enum Status {
    UNKNOWN(0), OK(1), INFO(2), WARN(3), CRIT(4), ERROR(5);

    private final int code;

    Status(int code) {
        this.code = code;
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
