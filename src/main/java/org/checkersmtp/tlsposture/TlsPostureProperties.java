package org.checkersmtp.tlsposture;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code checker.tls.*} and {@code checker.dns.trust-anchors}: what the TLS sibling trusts and how
 * long it may take. Documented in docs/configuration.md.
 */
@Validated
@ConfigurationProperties("checker")
public record TlsPostureProperties(@Valid @DefaultValue Tls tls, @Valid @DefaultValue DnsTrust dns) {

    /**
     * @param trustStore  PEM file of the CA certificates senders are assumed to trust; empty: the JVM's
     * @param mtaStsPort  HTTPS port of mta-sts.&lt;domain&gt; (443; tests use their own)
     * @param timeout     deadline of one whole examination (every endpoint, DANE, MTA-STS)
     */
    public record Tls(@DefaultValue("") String trustStore,
                      @Min(1) @Max(65535) @DefaultValue("443") int mtaStsPort,
                      @NotNull @DefaultValue("30s") Duration timeout) {
    }

    /** @param trustAnchors file of DS or DNSKEY lines (master-file syntax) replacing the root anchors; empty: the root */
    public record DnsTrust(@DefaultValue("") String trustAnchors) {
    }
}
