package org.checkersmtp.options;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import org.checkersmtp.observation.OptionalProbe;

/**
 * Validated run options. Every entry point (the checker API, the /check form, the command line)
 * builds these through {@link OptionsParser}, so nothing unvalidated reaches DNS or the wire.
 *
 * @param domain       the mail domain, A-label form, lower case, no trailing dot
 * @param timeout      the deadline of one SMTP session
 * @param heloName     the name we announce in EHLO/HELO
 * @param probes       the optional probes these options make
 * @param probeAddress the outside address used by the open-relay probe (as given; see {@link #relayRecipient()})
 */
public record CheckOptions(
        String domain,
        Duration timeout,
        String heloName,
        Set<OptionalProbe> probes,
        String probeAddress) {

    public static final int DEFAULT_TIMEOUT_SECONDS = 12;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(DEFAULT_TIMEOUT_SECONDS);
    public static final String DEFAULT_HELO_NAME = "mx-checker.happydomain.org";
    public static final String DEFAULT_PROBE_ADDRESS = "postmaster@example.com";

    public CheckOptions {
        probes = Collections.unmodifiableSet(probes.isEmpty() ? EnumSet.noneOf(OptionalProbe.class)
                : EnumSet.copyOf(probes));
    }

    public static CheckOptions defaults(String domain) {
        return new CheckOptions(domain, DEFAULT_TIMEOUT, DEFAULT_HELO_NAME, EnumSet.allOf(OptionalProbe.class),
                DEFAULT_PROBE_ADDRESS);
    }

    public boolean makes(OptionalProbe probe) {
        return probes.contains(probe);
    }

    /** The same options making only the optional probes in {@code probes}. */
    public CheckOptions withProbes(Set<OptionalProbe> probes) {
        return new CheckOptions(domain, timeout, heloName, probes, probeAddress);
    }

    public String postmasterAddress() {
        return SmtpPaths.POSTMASTER + "@" + domain;
    }

    /**
     * The recipient of the open-relay probe. It must lie outside the tested domain, or a correct
     * server would rightly accept it: an address inside the domain is replaced by one outside.
     */
    public String relayRecipient() {
        String probeDomain = probeAddress.substring(probeAddress.lastIndexOf('@') + 1);
        if (!Hostnames.isWithin(probeDomain, domain)) {
            return probeAddress;
        }
        return Hostnames.isWithin("example.com", domain) ? "postmaster@example.net" : "postmaster@example.com";
    }

    /** The sender of the relay probe: outside the tested domain too, so that nothing local vouches for it. */
    public String relaySender() {
        return relayRecipient();
    }

    /** An ordinary sender used when the null sender is not (or cannot be) used: our own HELO domain. */
    public String ordinarySender() {
        return SmtpPaths.POSTMASTER + "@" + heloName;
    }
}
