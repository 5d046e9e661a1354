package org.checkersmtp.smtp;

/** The reply codes our SMTP client acts on, named after RFC 5321 §4.2.3 (as mox's smtp/codes.go names them). */
public final class ReplyCode {

    /** 221: the answer to QUIT, after which the server closes (RFC 5321 §4.1.1.10). */
    public static final int SERVICE_CLOSING = 221;
    /** 421: the server is closing the channel, whatever was asked (RFC 5321 §3.8). */
    public static final int SERVICE_NOT_AVAILABLE = 421;

    private ReplyCode() {}
}
