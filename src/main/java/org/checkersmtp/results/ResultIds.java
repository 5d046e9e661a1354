package org.checkersmtp.results;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * A permalink's id: 128 bits from {@link SecureRandom}, URL-safe base64 without padding (22 characters).
 * The syntax is checked before any store lookup, so a hostile id (a path, a quote, a Redis pattern, a long
 * or non-ASCII string) never reaches the disk or Redis.
 */
public final class ResultIds {

    private static final int BYTES = 16;
    private static final Pattern SYNTAX = Pattern.compile("[A-Za-z0-9_-]{22}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private ResultIds() {}

    static String next() {
        byte[] bytes = new byte[BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static boolean wellFormed(String id) {
        return id != null && SYNTAX.matcher(id).matches();
    }
}
