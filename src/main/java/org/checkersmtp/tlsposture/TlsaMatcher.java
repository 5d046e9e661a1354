package org.checkersmtp.tlsposture;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which TLSA records a presented chain satisfies, as a DANE sender decides (RFC 7672 §3.1, RFC 7671):
 * DANE-EE (3) matches the leaf, names and dates ignored; DANE-TA (2) matches a certificate of the
 * chain above the leaf, which must then lead from the leaf by a valid path and the leaf must name the
 * MX host. PKIX-TA/EE (0, 1) are not usable with SMTP and never match.
 */
final class TlsaMatcher {

    private TlsaMatcher() {}

    /** The records (presentation form "3 1 1 <hex>") that the chain satisfies. */
    static List<String> matching(List<String> records, List<X509Certificate> chain, Boolean hostnameMatch,
                                 Instant now) {
        List<String> matched = new ArrayList<>();
        if (chain.isEmpty()) {
            return matched;
        }
        for (String record : records) {
            String[] f = record.trim().split("\\s+", 4);
            if (f.length < 4) {
                continue;
            }
            int usage;
            int selector;
            int matching;
            byte[] data;
            try {
                usage = Integer.parseInt(f[0]);
                selector = Integer.parseInt(f[1]);
                matching = Integer.parseInt(f[2]);
                data = HexFormat.of().parseHex(f[3].replaceAll("\\s", "").toLowerCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                continue;
            }
            if (usage == 3 && associates(chain.get(0), selector, matching, data)) {
                matched.add(record);
            } else if (usage == 2 && Boolean.TRUE.equals(hostnameMatch)) {
                for (int i = 1; i < chain.size(); i++) {
                    X509Certificate anchor = chain.get(i);
                    if (associates(anchor, selector, matching, data) && TrustMaterial.pathProblem(
                            Set.of(new TrustAnchor(anchor, null)), chain.subList(0, i), now).isEmpty()) {
                        matched.add(record);
                        break;
                    }
                }
            }
        }
        return matched;
    }

    private static boolean associates(X509Certificate cert, int selector, int matching, byte[] data) {
        try {
            byte[] selected = switch (selector) {
                case 0 -> cert.getEncoded();
                case 1 -> cert.getPublicKey().getEncoded();
                default -> null;
            };
            if (selected == null) {
                return false;
            }
            byte[] associated = switch (matching) {
                case 0 -> selected;
                case 1 -> MessageDigest.getInstance("SHA-256").digest(selected);
                case 2 -> MessageDigest.getInstance("SHA-512").digest(selected);
                default -> null;
            };
            return associated != null && Arrays.equals(associated, data);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
