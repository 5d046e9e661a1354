package org.checkersmtp.results;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * An owner as a store key: the SHA-256 of {@code Authentication.getName()}, so a name with any characters
 * (an OpenID issuer and subject, a slash, a Redis pattern) is a fixed-length, inert key.
 */
final class OwnerKeys {

    private OwnerKeys() {}

    static String of(String owner) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(owner.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
