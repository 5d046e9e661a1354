package org.checkersmtp.results;

import java.util.List;

/** Ids no permalink has: traversal, overlong, non-ASCII, SQL and Redis metacharacters, near misses. */
final class HostileIds {

    private HostileIds() {}

    static final List<String> ALL = List.of(
            "", "..", "../../../../etc/passwd", "..%2F..%2Fetc%2Fpasswd", "AAAAAAAAAAAAAAAAAAAAA",
            "AAAAAAAAAAAAAAAAAAAAAAA", "A".repeat(5000), "AAAAAAAAAAAAAAAAAAAA\u00e9\u00e9", "AAAAAAAAAAAAAAAAAAAAA\u0000",
            "' OR '1'='1' --AAAAAAA", "AAAAAAAAAAAAAAAAAAAA;*", "checker:results:check:*", "*", "AAAAAAAAAA\r\nFLUSHALL\r\n",
            "AAAAAAAAAAAAAAAAAAAA/.", "AAAAAAAAAAAAAAAAAAAA.json");
}
