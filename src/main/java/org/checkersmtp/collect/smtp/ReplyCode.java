package org.checkersmtp.collect.smtp;

/** The reply codes the prober acts on, named after RFC 5321 §4.2.3 (as mox's smtp/codes.go names them). */
final class ReplyCode {

    /** 220: the greeting (RFC 5321 §4.2.3), and the go-ahead to STARTTLS (RFC 3207 §4). */
    static final int SERVICE_READY = 220;
    /** 221: the answer to QUIT, after which the server closes (RFC 5321 §4.1.1.10). */
    static final int SERVICE_CLOSING = 221;
    /** 421: the server is closing the channel, whatever was asked (RFC 5321 §3.8). */
    static final int SERVICE_NOT_AVAILABLE = 421;

    private ReplyCode() {}
}
