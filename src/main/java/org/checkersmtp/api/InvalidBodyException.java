package org.checkersmtp.api;

/** A request body the SDK would refuse, or an observation no collector could have written: a 400. */
final class InvalidBodyException extends Exception {

    InvalidBodyException(String message) {
        super("invalid request body: " + message);
    }
}
