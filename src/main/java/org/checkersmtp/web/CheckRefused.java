package org.checkersmtp.web;

import org.springframework.http.HttpStatus;

/**
 * A check the page will not run, said on the form it came from (values kept): an invalid option (400,
 * the option named), a domain outside {@code checker.targets.allowed-domains} (403), or no room for one
 * more running check (503). Nothing reached the network.
 *
 * @param field the form field to point at, or null
 */
final class CheckRefused extends RuntimeException {

    private final transient CheckForm form;
    private final HttpStatus status;
    private final String field;

    CheckRefused(CheckForm form, HttpStatus status, String field, String message) {
        super(message, null, false, false);
        this.form = form;
        this.status = status;
        this.field = field;
    }

    /** No room for one more running check on this replica ({@code checker.web.max-running-checks}). */
    static CheckRefused busy(CheckForm form) {
        return new CheckRefused(form, HttpStatus.SERVICE_UNAVAILABLE, null,
                "Too many checks are running on this server right now: try again in a minute.");
    }

    CheckForm form() {
        return form;
    }

    HttpStatus status() {
        return status;
    }

    String field() {
        return field;
    }
}
