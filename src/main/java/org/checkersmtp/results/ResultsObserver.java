package org.checkersmtp.results;

/** Told what happens to stored results (the metrics listen here); nothing here depends on who listens. */
public interface ResultsObserver {

    ResultsObserver NONE = new ResultsObserver() {
    };

    /** A result was stored. */
    default void stored() {
    }

    /** A result was too big to store ({@code checker.results.max-size}). */
    default void tooLarge() {
    }

    /** A stored result was read (a page or its JSON). */
    default void served() {
    }

    /** A result was found past its retention and removed. */
    default void expired() {
    }
}
