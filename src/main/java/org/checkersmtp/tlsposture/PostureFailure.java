package org.checkersmtp.tlsposture;

import org.checkersmtp.observation.TlsFailure;

/** Why an endpoint's posture could not be established: a failure code of the observation and a detail. */
final class PostureFailure extends Exception {

    // Short names for the throw sites.
    static final TlsFailure TCP_UNREACHABLE = TlsFailure.TCP_UNREACHABLE;
    static final TlsFailure STARTTLS_NOT_OFFERED = TlsFailure.STARTTLS_NOT_OFFERED;
    static final TlsFailure STARTTLS_REFUSED = TlsFailure.STARTTLS_REFUSED;
    static final TlsFailure HANDSHAKE_FAILED = TlsFailure.HANDSHAKE_FAILED;
    static final TlsFailure POLICY = TlsFailure.POLICY;
    static final TlsFailure DEADLINE = TlsFailure.DEADLINE;

    private final TlsFailure code;

    PostureFailure(TlsFailure code, String detail) {
        super(detail, null, false, false);
        this.code = code;
    }

    TlsFailure code() {
        return code;
    }
}
