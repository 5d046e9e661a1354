package org.checkersmtp.tlsposture;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.checkersmtp.smtp.SmtpLimits;

/**
 * How the sibling reaches DNS and mail servers, assembled from checker.dns.*, checker.smtp.* and
 * checker.tls.* at start-up.
 *
 * @param dnsServers   resolvers (empty: the system's)
 * @param dnsTimeout   deadline of one DNS query
 * @param smtpPort     the port connected to (25; the collector's, so tests can point both elsewhere)
 * @param smtpLimits   what one server may make us read in one STARTTLS dialogue (the collector's checker.smtp.*)
 * @param trustStore   PEM file of the CAs senders trust; null for the JVM's trust store
 * @param trustAnchors file of DS/DNSKEY lines replacing the built-in root anchors; null for the root
 * @param mtaStsPort   HTTPS port of the MTA-STS policy host (443)
 * @param budget       deadline of a whole examination
 */
public record TlsPostureSettings(List<InetSocketAddress> dnsServers, Duration dnsTimeout, int smtpPort,
                                 SmtpLimits smtpLimits, Path trustStore, Path trustAnchors, int mtaStsPort,
                                 Duration budget) {

    public TlsPostureSettings {
        dnsServers = dnsServers == null ? List.of() : List.copyOf(dnsServers);
    }
}
