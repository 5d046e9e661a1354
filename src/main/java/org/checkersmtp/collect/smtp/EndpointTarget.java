package org.checkersmtp.collect.smtp;

import java.net.InetAddress;

/**
 * One address to probe.
 *
 * @param host       the MX target name: used for SNI (unless it is an IP literal) and in the observation
 * @param preference its MX preference, carried into the observation
 * @param port       25 in production; tests point it at their own servers
 */
public record EndpointTarget(String host, int preference, InetAddress address, int port) {
}
