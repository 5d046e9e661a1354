package org.checkersmtp.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * {@code checker.api.*}: who may call the machine API (happyDomain's routes and /actuator). Both empty =
 * open, as a checker built on the Go SDK is. Otherwise a caller needs an allowed address or the token:
 * happyDomain sends no credentials, so it is let in by its network while other tools (Prometheus, scripts)
 * can use the token from anywhere.
 *
 * @param allowedNetworks CIDRs the client address (see checker.security.trusted-proxies) must be in
 * @param token           the bearer token callers must send ({@code Authorization: Bearer …})
 */
@ConfigurationProperties("checker.api")
public record ApiAccessProperties(@DefaultValue List<String> allowedNetworks, String token) {

    static final int MIN_TOKEN_LENGTH = 16;

    public ApiAccessProperties {
        allowedNetworks = List.copyOf(allowedNetworks);
        if (token != null && token.isEmpty()) {
            token = null;
        }
        if (token != null && (token.length() < MIN_TOKEN_LENGTH || !token.equals(token.strip()))) {
            throw new InvalidConfigurationPropertyValueException("checker.api.token", "(hidden)",
                    "use at least " + MIN_TOKEN_LENGTH + " characters without surrounding spaces "
                            + "(e.g. the output of: openssl rand -hex 32)");
        }
    }

    IpNetworks networks() {
        return IpNetworks.parse("checker.api.allowed-networks", allowedNetworks);
    }
}
