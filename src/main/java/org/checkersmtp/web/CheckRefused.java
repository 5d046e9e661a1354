package org.checkersmtp.web;

import java.util.Locale;
import org.checkersmtp.i18n.Catalogue;
import org.checkersmtp.i18n.Text;
import org.checkersmtp.options.InvalidOptionException;
import org.springframework.http.HttpStatus;

/**
 * A check the page will not run, said on the form it came from (values kept): an invalid option (400,
 * the option named), a domain outside {@code checker.targets.allowed-domains} or not proven by the user
 * (403; the page then links to the domains page), or no room for one more running check (503). Nothing
 * reached the network.
 *
 * @param field the form field to point at, or null
 */
final class CheckRefused extends RuntimeException {

    private final transient CheckForm form;
    private final HttpStatus status;
    private final String field;
    private final String toProve;
    private final transient Text text;

    CheckRefused(CheckForm form, HttpStatus status, String field, Text message) {
        this(form, status, field, message, null);
    }

    private CheckRefused(CheckForm form, HttpStatus status, String field, Text message, String toProve) {
        super(message.inEnglish(), null, false, false);
        this.text = message;
        this.form = form;
        this.status = status;
        this.field = field;
        this.toProve = toProve;
    }

    /** The user must prove {@code domain} first (checker.targets.require-ownership or reserve-to-proven). */
    static CheckRefused unproven(CheckForm form, String field, String domain, Text message) {
        return new CheckRefused(form, HttpStatus.FORBIDDEN, field, message, domain);
    }

    /** No room for one more running check on this replica ({@code checker.web.max-running-checks}). */
    static CheckRefused busy(CheckForm form) {
        return new CheckRefused(form, HttpStatus.SERVICE_UNAVAILABLE, null,
                Text.of("page.refused.busy"));
    }

    /** An invalid option, said as the API says it in English, in the page's language. */
    static Text optionError(InvalidOptionException e) {
        return Text.of("page.refused.option", "error", e.text());
    }

    /** The reason in the page's language. */
    String message(Catalogue catalogue, Locale language) {
        return text.in(catalogue, language);
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

    /** The domain to prove before this check, or null. */
    String toProve() {
        return toProve;
    }
}
