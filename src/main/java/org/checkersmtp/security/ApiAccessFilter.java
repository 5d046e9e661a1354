package org.checkersmtp.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import org.checkersmtp.json.GoJson;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The operator's access policy for the machine API: a caller is let in when its address is in the CIDR
 * allow-list or when it presents the bearer token (either alone when only one is configured; anyone when
 * neither is). Refusals are the SDK's JSON error body ({@code {"error":"…"}}, written by the same
 * Go-compatible encoder as every API answer). Health routes stay open: the container HEALTHCHECK, load
 * balancers and Kubernetes probes call them without credentials, and they reveal nothing.
 * Not a bean on purpose: Spring Boot would register a Filter bean for every request, pages included.
 */
class ApiAccessFilter extends OncePerRequestFilter {

    private static final String BEARER = "Bearer ";

    private final IpNetworks allowedNetworks;
    private final byte[] tokenDigest;
    private final ClientAddressResolver clientAddresses;
    private final RequestMatcher alwaysOpen;

    ApiAccessFilter(ApiAccessProperties properties, ClientAddressResolver clientAddresses, RequestMatcher alwaysOpen) {
        this.allowedNetworks = properties.networks();
        this.tokenDigest = properties.token() == null ? null : sha256(properties.token());
        this.clientAddresses = clientAddresses;
        this.alwaysOpen = alwaysOpen;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return alwaysOpen.matches(request);
    }

    /** Work requests reach the chain first on an async dispatch, once their body is read (api.BodyReadFilter). */
    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (allowedNetworks.isEmpty() && tokenDigest == null) {
            chain.doFilter(request, response); // open, as the Go SDK
            return;
        }
        InetAddress client = clientAddresses.resolve(request);
        if (allowedNetworks.contains(client)) {
            chain.doFilter(request, response);
            return;
        }
        if (tokenDigest == null) {
            refuse(response, HttpServletResponse.SC_FORBIDDEN,
                    "client address " + client.getHostAddress() + " is not allowed to use this API");
            return;
        }
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
            refuse(response, HttpServletResponse.SC_UNAUTHORIZED, "missing bearer token");
            return;
        }
        // Digests of equal length compared in constant time: neither the content nor the length leaks.
        if (!MessageDigest.isEqual(tokenDigest, sha256(authorization.substring(BEARER.length()).strip()))) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
            refuse(response, HttpServletResponse.SC_UNAUTHORIZED, "invalid bearer token");
            return;
        }
        chain.doFilter(request, response);
    }

    private static void refuse(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.getOutputStream().write(GoJson.encode(Map.of("error", message)));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
