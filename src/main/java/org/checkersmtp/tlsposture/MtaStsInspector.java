package org.checkersmtp.tlsposture;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.core5.util.Timeout;
import org.checkersmtp.observation.MtaSts;
import org.checkersmtp.observation.MtaStsMode;
import org.checkersmtp.observation.TlsRpt;
import org.checkersmtp.smtp.Deadline;

/**
 * MTA-STS (RFC 8461) and TLS-RPT (RFC 8460) of a domain: the {@code _mta-sts} TXT record, the policy
 * fetched over HTTPS exactly as a sender must fetch it (certificate validated against the trust store
 * and the policy host name, no redirect, at most 64 KiB, one deadline) with the target policy applied
 * to the address it resolves to, every MX host matched against the {@code mx:} patterns, and the
 * {@code _smtp._tls} TXT record.
 */
final class MtaStsInspector {

    private static final long MAX_AGE_LIMIT = 31_557_600L;
    private static final Pattern FIELD = Pattern.compile("([A-Za-z0-9_]+)\\s*:\\s*(.*?)\\s*");
    private static final Pattern ID = Pattern.compile("(?:^|;)\\s*id\\s*=\\s*([A-Za-z0-9]{1,32})\\s*(?:;|$)");

    private final DnsClient dns;
    private final EndpointAccess access;
    private final TrustMaterial trust;
    private final int httpsPort;
    private final Clock clock;

    MtaStsInspector(DnsClient dns, EndpointAccess access, TrustMaterial trust, int httpsPort, Clock clock) {
        this.dns = dns;
        this.access = access;
        this.trust = trust;
        this.httpsPort = httpsPort;
        this.clock = clock;
    }

    TlsRpt tlsRpt(String domain) {
        try {
            List<String> records = dns.txt("_smtp._tls." + domain).stream()
                    .filter(t -> t.regionMatches(true, 0, "v=TLSRPTv1", 0, 10)).toList();
            List<String> rua = new ArrayList<>();
            for (String record : records) {
                Matcher m = Pattern.compile("(?:^|;)\\s*rua\\s*=\\s*([^;]*)").matcher(record);
                if (m.find()) {
                    for (String uri : m.group(1).split(",")) {
                        if (!uri.isBlank()) {
                            rua.add(uri.strip());
                        }
                    }
                }
            }
            return new TlsRpt(records, null, rua);
        } catch (DnsClient.LookupFailure e) {
            return new TlsRpt(List.of(), e.getMessage(), List.of());
        }
    }

    MtaSts inspect(String domain, List<String> mxHosts, Instant deadline) {
        List<String> txt;
        try {
            txt = dns.txt("_mta-sts." + domain).stream()
                    .filter(t -> t.regionMatches(true, 0, "v=STSv1", 0, 7)).toList();
        } catch (DnsClient.LookupFailure e) {
            return new MtaSts(List.of(), e.getMessage(), null, null, 0, null, null, null, null, null, null, null);
        }
        if (txt.isEmpty()) {
            return new MtaSts(List.of(), null, null, null, 0, null, null, null, null, null, null, null);
        }
        Matcher id = ID.matcher(txt.get(0));
        String policyHost = "mta-sts." + domain;
        String url = "https://" + policyHost + (httpsPort == 443 ? "" : ":" + httpsPort) + "/.well-known/mta-sts.txt";
        Fetched fetched = fetch(url, Deadline.at(deadline, clock));
        if (fetched.error != null || fetched.status != 200) {
            String error = fetched.error != null ? fetched.error : "HTTP " + fetched.status + " (a policy needs 200)";
            return new MtaSts(txt, null, id.find() ? id.group(1) : null, url, fetched.status, error, null, null, null,
                    null, null, null);
        }
        return parse(txt, id.find() ? id.group(1) : null, url, fetched.body, mxHosts);
    }

    /** Parses a policy file (RFC 8461 §3.2) and matches the MX hosts; a malformed file says why. */
    static MtaSts parse(List<String> txt, String id, String url, String body, List<String> mxHosts) {
        String version = null;
        String mode = null;
        Long maxAge = null;
        List<String> patterns = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String line : body.split("\r?\n")) {
            if (line.isBlank()) {
                continue;
            }
            Matcher m = FIELD.matcher(line);
            if (!m.matches()) {
                problems.add("not a \"key: value\" line: " + abbreviate(line));
                continue;
            }
            String value = m.group(2);
            switch (m.group(1)) {
                case "version" -> version = value;
                case "mode" -> mode = value;
                case "max_age" -> {
                    try {
                        maxAge = Long.parseLong(value);
                        if (maxAge < 0 || maxAge > MAX_AGE_LIMIT) {
                            problems.add("max_age " + value + " is outside 0…" + MAX_AGE_LIMIT);
                        }
                    } catch (NumberFormatException e) {
                        problems.add("max_age is not a number: " + abbreviate(value));
                    }
                }
                case "mx" -> patterns.add(value.toLowerCase(Locale.ROOT));
                default -> { } // RFC 8461 §3.2: unknown fields are ignored
            }
        }
        if (!"STSv1".equals(version)) {
            problems.add(version == null ? "no version field" : "version is " + abbreviate(version) + ", not STSv1");
        }
        Optional<MtaStsMode> known = MtaStsMode.of(mode);
        if (known.isEmpty()) {
            problems.add(mode == null ? "no mode field" : "mode " + abbreviate(mode) + " is not enforce, testing or none");
        }
        if (maxAge == null && problems.stream().noneMatch(p -> p.startsWith("max_age"))) {
            problems.add("no max_age field");
        }
        if (patterns.isEmpty() && known.filter(m -> m == MtaStsMode.NONE).isEmpty()) {
            problems.add("no mx field");
        }
        List<MtaSts.Coverage> coverage = mxHosts.stream()
                .map(h -> new MtaSts.Coverage(h, covering(patterns, h).orElse(null))).toList();
        return new MtaSts(txt, null, id, url, 200, null, problems.isEmpty() ? null : String.join("; ", problems),
                version, mode, maxAge, patterns, coverage);
    }

    /** RFC 8461 §4.1: an exact name, or "*.example.com" for exactly one more label on the left. */
    static Optional<String> covering(List<String> patterns, String host) {
        String h = host.toLowerCase(Locale.ROOT);
        for (String pattern : patterns) {
            if (pattern.startsWith("*.")) {
                String suffix = pattern.substring(1);
                if (h.endsWith(suffix) && h.length() > suffix.length()
                        && h.substring(0, h.length() - suffix.length()).indexOf('.') < 0) {
                    return Optional.of(pattern);
                }
            } else if (pattern.equals(h)) {
                return Optional.of(pattern);
            }
        }
        return Optional.empty();
    }

    private record Fetched(int status, String body, String error) {
    }

    private Fetched fetch(String url, Deadline deadline) {
        long remaining = deadline.remaining().toMillis();
        if (remaining <= 0) {
            return new Fetched(0, null, "deadline reached before the policy fetch");
        }
        Timeout timeout = Timeout.ofMilliseconds(remaining);
        DnsResolver resolver = new DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) throws UnknownHostException {
                List<InetAddress> addresses;
                try {
                    addresses = dns.addresses(host);
                } catch (DnsClient.LookupFailure e) {
                    throw new UnknownHostException(e.getMessage());
                }
                List<String> refusals = new ArrayList<>();
                List<InetAddress> allowed = new ArrayList<>();
                for (InetAddress a : addresses) {
                    access.refusal(a).ifPresentOrElse(refusals::add, () -> allowed.add(a));
                }
                if (allowed.isEmpty()) {
                    throw new UnknownHostException(addresses.isEmpty() ? host + " has no address"
                            : "refused by policy: " + String.join("; ", refusals));
                }
                return allowed.toArray(new InetAddress[0]);
            }

            @Override
            public String resolveCanonicalHostname(String host) {
                return host;
            }
        };
        try (CloseableHttpClient client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(resolver)
                        .setTlsSocketStrategy(ClientTlsStrategyBuilder.create()
                                .setSslContext(trust.validatingContext()).buildClassic())
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(timeout).setSocketTimeout(timeout).build())
                        .build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableContentCompression()
                .build()) {
            HttpGet get = new HttpGet(url);
            // The socket timeout bounds each read; this bounds the whole exchange (a server dripping bytes).
            CompletableFuture<?> watchdog = CompletableFuture.runAsync(get::cancel,
                    CompletableFuture.delayedExecutor(remaining, TimeUnit.MILLISECONDS));
            try {
                return client.execute(get, response -> {
                    if (response.getCode() != 200 || response.getEntity() == null) {
                        return new Fetched(response.getCode(), null, null);
                    }
                    try (InputStream in = response.getEntity().getContent()) {
                        // One byte more than the limit, to know a policy is larger.
                        byte[] body = in.readNBytes(MtaSts.MAX_POLICY_BYTES + 1);
                        if (body.length > MtaSts.MAX_POLICY_BYTES) {
                            return new Fetched(200, null,
                                    "policy larger than " + MtaSts.MAX_POLICY_BYTES / 1024 + " KiB");
                        }
                        return new Fetched(200, new String(body, StandardCharsets.UTF_8), null);
                    }
                });
            } finally {
                watchdog.cancel(false);
            }
        } catch (IOException | RuntimeException e) {
            String what = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new Fetched(0, null, deadline.passed() ? "deadline reached fetching the policy" : what);
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 80 ? text.substring(0, 80) + "…" : text;
    }
}
