package org.checkersmtp.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/** Every combination of the API policy: open, networks only, token only, both. */
class ApiAccessFilterTest {

    private static final String TOKEN = "a-token-of-sixteen-or-more";
    private static final ClientAddressResolver DIRECT = new ClientAddressResolver(
            new CheckerSecurityProperties(List.of(), List.of(), List.of("*"),
                    new CheckerSecurityProperties.FormLogin(true)));

    private static MockHttpServletResponse call(List<String> networks, String token, String peer, String path,
                                                String authorization) throws Exception {
        ApiAccessFilter filter = new ApiAccessFilter(new ApiAccessProperties(networks, token), DIRECT,
                PathPatternRequestMatcher.withDefaults().matcher("/health"));
        MockHttpServletRequest request = new MockHttpServletRequest("POST", path);
        request.setRemoteAddr(peer);
        if (authorization != null) {
            request.addHeader("Authorization", authorization);
        }
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();
        filter.doFilter(request, response, chain);
        if (chain.getRequest() != null) {
            response.setStatus(299); // reached the handler
        }
        return response;
    }

    private static int status(List<String> networks, String token, String peer, String authorization) throws Exception {
        return call(networks, token, peer, "/collect", authorization).getStatus();
    }

    @Test
    void openByDefault() throws Exception {
        assertThat(status(List.of(), null, "203.0.113.7", null)).isEqualTo(299);
    }

    @Test
    void networksOnly() throws Exception {
        List<String> nets = List.of("198.51.100.0/24", "2001:db8::/32");
        assertThat(status(nets, null, "198.51.100.200", null)).isEqualTo(299);
        assertThat(status(nets, null, "2001:db8:5::1", null)).isEqualTo(299);
        MockHttpServletResponse refused = call(nets, null, "203.0.113.7", "/collect", "Bearer " + TOKEN);
        assertThat(refused.getStatus()).isEqualTo(403);
        assertThat(refused.getContentType()).isEqualTo("application/json");
        assertThat(refused.getContentAsString())
                .isEqualTo("{\"error\":\"client address 203.0.113.7 is not allowed to use this API\"}\n");
        assertThat(status(nets, null, "2001:db9::1", null)).isEqualTo(403);
    }

    @Test
    void tokenOnly() throws Exception {
        assertThat(status(List.of(), TOKEN, "203.0.113.7", "Bearer " + TOKEN)).isEqualTo(299);
        assertThat(status(List.of(), TOKEN, "203.0.113.7", "bearer " + TOKEN)).as("scheme is case-insensitive")
                .isEqualTo(299);
        MockHttpServletResponse missing = call(List.of(), TOKEN, "198.51.100.7", "/collect", null);
        assertThat(missing.getStatus()).isEqualTo(401);
        assertThat(missing.getHeader("WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(missing.getContentAsString()).isEqualTo("{\"error\":\"missing bearer token\"}\n");
        MockHttpServletResponse basic = call(List.of(), TOKEN, "198.51.100.7", "/collect", "Basic dXNlcjpwdw==");
        assertThat(basic.getContentAsString()).isEqualTo("{\"error\":\"missing bearer token\"}\n");
        MockHttpServletResponse wrong = call(List.of(), TOKEN, "198.51.100.7", "/collect", "Bearer " + TOKEN + "!");
        assertThat(wrong.getStatus()).isEqualTo(401);
        assertThat(wrong.getHeader("WWW-Authenticate")).isEqualTo("Bearer error=\"invalid_token\"");
        assertThat(wrong.getContentAsString()).isEqualTo("{\"error\":\"invalid bearer token\"}\n");
        assertThat(status(List.of(), TOKEN, "198.51.100.7", "Bearer " + TOKEN.substring(1))).isEqualTo(401);
    }

    @Test
    void bothMeansEither() throws Exception {
        List<String> nets = List.of("198.51.100.0/24");
        assertThat(status(nets, TOKEN, "198.51.100.7", null)).isEqualTo(299);
        assertThat(status(nets, TOKEN, "203.0.113.7", "Bearer " + TOKEN)).isEqualTo(299);
        assertThat(status(nets, TOKEN, "203.0.113.7", null)).isEqualTo(401);
        assertThat(status(nets, TOKEN, "203.0.113.7", "Bearer nope-nope-nope-nope")).isEqualTo(401);
    }

    @Test
    void healthIsNeverGuarded() throws Exception {
        assertThat(call(List.of("198.51.100.0/24"), TOKEN, "203.0.113.7", "/health", null).getStatus()).isEqualTo(299);
    }
}
