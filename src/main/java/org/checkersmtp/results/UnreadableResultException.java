package org.checkersmtp.results;

/** A stored value that is not a result any more (damaged on disk or in Redis): the page says so, no trace. */
public class UnreadableResultException extends RuntimeException {

    private final String id;

    UnreadableResultException(String id, String why) {
        super("stored result " + id + " cannot be read: " + why);
        this.id = id;
    }

    public String id() {
        return id;
    }
}
