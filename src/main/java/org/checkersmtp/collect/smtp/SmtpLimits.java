package org.checkersmtp.collect.smtp;

/**
 * What one server may make us read in one session. RFC 5321 §4.5.3.1 caps a reply line at 512
 * octets; real servers stay well under these defaults, hostile ones do not.
 */
public record SmtpLimits(int maxLineLength, int maxReplyLines, long maxSessionBytes) {

    public static SmtpLimits defaults() {
        return new SmtpLimits(2048, 100, 256 * 1024);
    }
}
