package org.checkersmtp.tlsposture;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.checkersmtp.json.GoJson;
import org.checkersmtp.observation.PresentedCertificate;
import org.checkersmtp.observation.RelatedObservation;
import org.checkersmtp.observation.SmtpObservation;
import org.checkersmtp.observation.TlsEndpointPosture;
import org.checkersmtp.observation.TlsPosture;
import tools.jackson.databind.JsonNode;

/**
 * Our posture in the shape of checker-tls's {@code tls_probes} observation (contract §5.2), so that
 * {@code smtp.tls_quality} and the report read it exactly as they read happyDomain's: one probe per
 * MX host ({@code host:25}), the addresses folded in (worst fact wins, each issue naming its address)
 * and listed under {@code addresses}. Issues use checker-tls's codes.
 */
public final class TlsProbes {

    public static final String KEY = "tls_probes";
    /** The checker id our own sibling's related observation carries. */
    public static final String CHECKER_ID = "smtp-tls-posture";
    /** A certificate expiring within this many days is reported as {@code expiring_soon}. */
    public static final int EXPIRING_SOON_DAYS = 14;

    private TlsProbes() {}

    /**
     * The related observations to judge with: happyDomain's {@code tls_probes} when it sent any,
     * otherwise our own findings carried in the observation, otherwise what was given.
     */
    public static Map<String, List<RelatedObservation>> withOwnFindings(Map<String, List<RelatedObservation>> related,
                                                                        SmtpObservation obs) {
        Map<String, List<RelatedObservation>> given = related == null ? Map.of() : related;
        if (!given.getOrDefault(KEY, List.of()).isEmpty() || obs == null || obs.tlsPosture() == null) {
            return given;
        }
        Map<String, List<RelatedObservation>> merged = new LinkedHashMap<>(given);
        merged.put(KEY, List.of(new RelatedObservation(CHECKER_ID, KEY, document(obs.tlsPosture()),
                obs.tlsPosture().collectedAt(), "")));
        return merged;
    }

    /** The {@code tls_probes} document of a posture. */
    public static JsonNode document(TlsPosture posture) {
        Map<String, Probe> probes = new LinkedHashMap<>();
        Map<String, List<TlsEndpointPosture>> byHost = new LinkedHashMap<>();
        posture.endpoints().forEach(e -> byHost.computeIfAbsent(e.host() + ":" + e.port(), k -> new ArrayList<>()).add(e));
        byHost.forEach((endpoint, addresses) -> {
            Probe probe = fold(endpoint, addresses);
            if (probe != null) {
                probes.put(endpoint, probe);
            }
        });
        return GoJson.mapper().valueToTree(new Document(probes, posture.collectedAt()));
    }

    /** One probe for a host, or null when no address completed a handshake (nothing to vouch for). */
    private static Probe fold(String endpoint, List<TlsEndpointPosture> addresses) {
        List<TlsEndpointPosture> done = addresses.stream().filter(TlsEndpointPosture::handshakeOk).toList();
        if (done.isEmpty()) {
            return null;
        }
        TlsEndpointPosture first = done.get(0);
        List<Issue> issues = new ArrayList<>();
        addresses.forEach(a -> issues.addAll(issues(a)));
        Instant notAfter = done.stream().map(TlsEndpointPosture::leaf).filter(Objects::nonNull)
                .map(PresentedCertificate::notAfter).filter(Objects::nonNull).min(Instant::compareTo).orElse(null);
        PresentedCertificate leaf = first.leaf();
        return new Probe(first.host(), first.port(), endpoint, "starttls-smtp", first.sni(), first.tlsVersion(),
                first.cipherSuite(), allTrue(done.stream().map(TlsEndpointPosture::hostnameMatch).toList()),
                allTrue(done.stream().map(TlsEndpointPosture::chainValid).toList()), notAfter,
                leaf == null ? null : leaf.issuer(), issues, addresses.stream().map(TlsEndpointPosture::address).toList());
    }

    /** checker-tls's issue codes for one address. */
    static List<Issue> issues(TlsEndpointPosture a) {
        List<Issue> issues = new ArrayList<>();
        String at = " (" + a.address() + ")";
        if (!a.handshakeOk()) {
            String code = a.failure() == null ? null : switch (a.failure()) {
                case TCP_UNREACHABLE -> "tcp_unreachable";
                case STARTTLS_NOT_OFFERED -> "starttls_not_offered";
                case STARTTLS_REFUSED, HANDSHAKE_FAILED -> "handshake_failed";
                case POLICY, DEADLINE -> null; // a limit of ours, not a finding about the server
            };
            if (code != null) {
                issues.add(new Issue(code, a.error() + at));
            }
            return issues;
        }
        if (Boolean.FALSE.equals(a.chainValid())) {
            issues.add(new Issue("chain_invalid", a.chainError() + at));
        }
        if (Boolean.FALSE.equals(a.hostnameMatch())) {
            issues.add(new Issue("hostname_mismatch", a.hostnameError() + at));
        }
        if (a.daysToExpiry() != null && a.daysToExpiry() < 0) {
            issues.add(new Issue("expired", "expired " + -a.daysToExpiry() + " day(s) ago" + at));
        } else if (a.daysToExpiry() != null && a.daysToExpiry() < EXPIRING_SOON_DAYS) {
            issues.add(new Issue("expiring_soon", "expires in " + a.daysToExpiry() + " day(s)" + at));
        }
        List<String> legacy = new ArrayList<>();
        if (Boolean.TRUE.equals(a.tls10Accepted()) || "TLSv1".equals(a.tlsVersion())) {
            legacy.add("TLS 1.0");
        }
        if (Boolean.TRUE.equals(a.tls11Accepted()) || "TLSv1.1".equals(a.tlsVersion())) {
            legacy.add("TLS 1.1");
        }
        if (!legacy.isEmpty()) {
            issues.add(new Issue("weak_tls_version", "accepts " + String.join(" and ", legacy) + at));
        }
        if (Boolean.FALSE.equals(a.forwardSecrecy())) {
            issues.add(new Issue("no_forward_secrecy", a.forwardSecrecyDetail() + at));
        }
        return issues;
    }

    private static Boolean allTrue(List<Boolean> facts) {
        List<Boolean> known = facts.stream().filter(Objects::nonNull).toList();
        return known.isEmpty() ? null : known.stream().allMatch(Boolean::booleanValue);
    }

    record Document(@JsonInclude(JsonInclude.Include.ALWAYS) Map<String, Probe> probes,
                    @JsonProperty("collected_at") Instant collectedAt) {
    }

    record Probe(String host, int port, String endpoint, String type, String sni,
                 @JsonProperty("tls_version") String tlsVersion,
                 @JsonProperty("cipher_suite") String cipherSuite,
                 @JsonProperty("hostname_match") @JsonInclude(JsonInclude.Include.NON_NULL) Boolean hostnameMatch,
                 @JsonProperty("chain_valid") @JsonInclude(JsonInclude.Include.NON_NULL) Boolean chainValid,
                 @JsonProperty("not_after") Instant notAfter,
                 String issuer,
                 @JsonInclude(JsonInclude.Include.ALWAYS) List<Issue> issues,
                 List<String> addresses) {
    }

    record Issue(String code, String message) {
    }
}
