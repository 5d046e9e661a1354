package org.checkersmtp.tlsposture;

/** Why an endpoint's posture could not be established: a failure code of the observation and a detail. */
final class PostureFailure extends Exception {

    static final String TCP_UNREACHABLE = "tcp_unreachable";
    static final String STARTTLS_NOT_OFFERED = "starttls_not_offered";
    static final String STARTTLS_REFUSED = "starttls_refused";
    static final String HANDSHAKE_FAILED = "handshake_failed";
    static final String POLICY = "policy";
    static final String DEADLINE = "deadline";

    private final String code;

    PostureFailure(String code, String detail) {
        super(detail, null, false, false);
        this.code = code;
    }

    String code() {
        return code;
    }
}
