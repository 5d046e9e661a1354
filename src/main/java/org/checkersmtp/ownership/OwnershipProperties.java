package org.checkersmtp.ownership;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The proven-domain settings (docs/configuration.md): the two switches of the /check page under
 * {@code checker.targets.*}, beside the collector's allow-list, and the proofs under {@code checker.ownership.*}.
 */
@Validated
@ConfigurationProperties("checker")
public record OwnershipProperties(@Valid @DefaultValue Targets targets, @Valid @DefaultValue Ownership ownership) {

    /**
     * @param requireOwnership the /check page checks only domains (and their subdomains) the user has proven
     * @param reserveToProven  a custom {@code test_probe_address} and a {@code timeout} above the default are
     *                         accepted only for a proven domain
     */
    public record Targets(@DefaultValue("false") boolean requireOwnership,
                          @DefaultValue("false") boolean reserveToProven) {
    }

    /**
     * @param recheck       how long a proof holds before the next check looks the TXT record up again
     * @param lookupTimeout the whole TXT lookup, every resolver and retry included
     * @param maxDomains    the most domains (proven or asked for) one user keeps
     */
    public record Ownership(@NotNull @DurationMin(minutes = 1) @DefaultValue("7d") Duration recheck,
                            @NotNull @DurationMin(millis = 100) @DurationMax(seconds = 30) @DefaultValue("5s")
                            Duration lookupTimeout,
                            @Min(1) @Max(10_000) @DefaultValue("50") int maxDomains) {
    }
}
