package org.checkersmtp.smtp;

/**
 * What one server may make us read in one session (checker.smtp.*). RFC 5321 §4.5.3.1 caps a reply
 * line at 512 octets; real servers stay well under these limits, hostile ones do not.
 */
public record SmtpLimits(int maxLineLength, int maxReplyLines, long maxSessionBytes) {
}
