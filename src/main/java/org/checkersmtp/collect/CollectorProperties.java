package org.checkersmtp.collect;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.checkersmtp.dns.DnsSettings;
import org.checkersmtp.smtp.SmtpLimits;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * {@code checker.dns.*}, {@code checker.smtp.*}, {@code checker.probe.*}, {@code checker.targets.*}:
 * how the collector reaches DNS and mail servers. Documented in docs/configuration.md.
 */
@Validated
@ConfigurationProperties("checker")
public record CollectorProperties(
        @Valid @DefaultValue Dns dns,
        @Valid @DefaultValue Smtp smtp,
        @Valid @DefaultValue Probe probe,
        @Valid @DefaultValue Targets targets) {

    /**
     * @param servers resolvers as "host:port" ("127.0.0.1:5353", "[::1]:53"); empty = the system's
     * @param timeout per DNS query
     */
    public record Dns(@DefaultValue List<String> servers, @NotNull @DefaultValue("3s") Duration timeout) {

        /** A bad resolver stops the start-up here, naming the property, not at the first query. */
        public Dns {
            DnsSettings.of(servers, timeout);
        }
    }

    /**
     * @param port            the SMTP port probed (25; tests point it elsewhere)
     * @param maxLineLength   longest reply line accepted from a server, in bytes
     * @param maxReplyLines   most lines accepted in one reply
     * @param maxSessionBytes most bytes read from one server in one session
     */
    public record Smtp(
            @Min(1) @Max(65535) @DefaultValue("25") int port,
            @Min(512) @DefaultValue("2048") int maxLineLength,
            @Min(1) @DefaultValue("100") int maxReplyLines,
            @NotNull @DefaultValue("32KB") DataSize maxSessionBytes) {

        /** What one server may make us read in one session, for the collector and the TLS sibling alike. */
        public SmtpLimits limits() {
            return new SmtpLimits(maxLineLength, maxReplyLines, maxSessionBytes.toBytes());
        }
    }

    /**
     * @param maxParallel    SMTP sessions (and so session threads) open at once, across all checks of this
     *                       process, shared fairly between the checks running
     * @param maxEndpoints   addresses probed per check (a hostile zone can publish hundreds)
     * @param collectTimeout deadline of a whole collect, DNS included
     */
    public record Probe(
            @Min(1) @Max(4096) @DefaultValue("256") int maxParallel,
            @Min(1) @Max(256) @DefaultValue("32") int maxEndpoints,
            @NotNull @DefaultValue("90s") Duration collectTimeout) {
    }

    /**
     * @param allowPrivate   contact loopback, private and reserved addresses (tests, local development)
     * @param allowedDomains domain suffixes this instance checks (an instance serving only its customers);
     *                       empty: any domain
     */
    public record Targets(@DefaultValue("false") boolean allowPrivate, @DefaultValue List<String> allowedDomains) {
    }
}
