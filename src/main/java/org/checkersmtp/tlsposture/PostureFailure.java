package org.checkersmtp.tlsposture;

import org.checkersmtp.observation.TlsFailure;

/** Why an endpoint's posture could not be established: a failure code of the observation and a detail. */
final class PostureFailure extends Exception {

    private final TlsFailure code;

    PostureFailure(TlsFailure code, String detail) {
        super(detail, null, false, false);
        this.code = code;
    }

    TlsFailure code() {
        return code;
    }
}
