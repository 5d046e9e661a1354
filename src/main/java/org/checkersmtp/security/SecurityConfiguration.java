package org.checkersmtp.security;

import java.util.Map;
import org.checkersmtp.ratelimit.LoginThrottle;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.NoOpPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.thymeleaf.spring6.view.ThymeleafViewResolver;

/**
 * Two filter chains, because the service has two kinds of client:
 * <ul>
 * <li><b>pages</b> for people ({@link #PAGES}): form login for the configured users (failed sign-ins throttled
 * per address by {@link LoginThrottleFilter}) and/or OpenID Connect sign-in (authorization code with PKCE;
 * the authorization request, its state and nonce, kept in the session, so in Redis when replicas share it),
 * a session, CSRF on every form, {@code /check} behind login;</li>
 * <li><b>the machine API</b> for everything else (happyDomain's routes, {@code /actuator/**}, unknown paths
 * answered Go-style): no session, no CSRF token (happyDomain sends none), the operator's
 * {@link ApiAccessFilter} policy, headers from {@link ApiHeadersFilter}.</li>
 * </ul>
 * Redirects are relative, so the login flow works behind a TLS-terminating proxy without trusting its
 * scheme headers. Only in a servlet application: an in-process context without a web server (the
 * benchmarks' report renderer) has no request to guard.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class SecurityConfiguration {

    /** The URLs of the human UI. Static assets are here so that the API token never guards them. */
    public static final String[] PAGES = {
        "/", "/check", "/check/**", "/login", "/logout", "/css/**", "/js/**", "/favicon.ico", "/favicon.svg", "/error",
        "/oauth2/authorization/*", "/login/oauth2/code/*",
        // Stored results: public ones are read without signing in; ResultController decides who reads what.
        "/r", "/r/**",
        // The domains a user proves (ownership), behind the login.
        "/domains", "/domains/**"};

    /**
     * Pages may load same-origin scripts (the /check progress script, /js/check.js) but never inline ones;
     * inline styles are allowed because the HTML report is self-contained.
     */
    static final String PAGES_CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private static final PathPatternRequestMatcher.Builder PATHS = PathPatternRequestMatcher.withDefaults();

    @Bean
    @Order(1)
    SecurityFilterChain pages(HttpSecurity http, LoginThrottle loginThrottle, ClientAddressResolver clientAddresses,
                              ThymeleafViewResolver views, CheckerSecurityProperties security,
                              ObjectProvider<ClientRegistrationRepository> registrations) throws Exception {
        ClientRegistrationRepository providers = registrations.getIfAvailable();
        if (!security.formLogin().enabled() && providers == null) {
            throw new InvalidConfigurationPropertyValueException("checker.security.form-login.enabled", false,
                    "nobody could sign in: turn the form on, or configure an OpenID Connect provider "
                            + "(spring.security.oauth2.client.registration.<id>.*)");
        }
        LoginUrlAuthenticationEntryPoint toLoginPage = new LoginUrlAuthenticationEntryPoint("/login");
        toLoginPage.setFavorRelativeUris(true);
        LoginThrottleFilter throttle = new LoginThrottleFilter(loginThrottle, clientAddresses, views);
        http.securityMatcher(PAGES)
                .addFilterBefore(throttle, UsernamePasswordAuthenticationFilter.class)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/check", "/check/**").authenticated()
                        .requestMatchers("/domains", "/domains/**").authenticated()
                        .anyRequest().permitAll())
                .requestCache(cache -> cache.disable())
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(toLoginPage))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(PAGES_CSP))
                        .frameOptions(frame -> frame.deny())
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
        if (security.formLogin().enabled()) {
            // Always land on /check after login: a saved request would redirect to an absolute URL.
            http.formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/check", true)
                    .failureHandler(throttle.countingFailures()).permitAll());
        }
        if (providers != null) {
            OidcSignInFailure refused = new OidcSignInFailure(providers);
            http.oauth2Login(oidc -> oidc.loginPage("/login").defaultSuccessUrl("/check", true)
                    .authorizationEndpoint(authorize -> authorize.authorizationRequestResolver(withPkce(providers)))
                    // The provider's tokens are needed for the sign-in only: they live and die with the
                    // session (shared with it in Redis), never in one replica's memory for ever.
                    .authorizedClientRepository(new HttpSessionOAuth2AuthorizedClientRepository())
                    .userInfoEndpoint(userInfo -> userInfo.oidcUserService(new OidcAccounts()))
                    .failureHandler(refused)
                    // The sign-in's start too: its default answers an unknown provider with a 500.
                    .withObjectPostProcessor(new ObjectPostProcessor<OAuth2AuthorizationRequestRedirectFilter>() {
                        @Override
                        public <F extends OAuth2AuthorizationRequestRedirectFilter> F postProcess(F filter) {
                            filter.setAuthenticationFailureHandler(refused);
                            return filter;
                        }
                    }));
        }
        return http.build();
    }

    /** PKCE for confidential clients too: a stolen authorization code is worthless without the verifier. */
    private static OAuth2AuthorizationRequestResolver withPkce(ClientRegistrationRepository providers) {
        DefaultOAuth2AuthorizationRequestResolver resolver = new DefaultOAuth2AuthorizationRequestResolver(providers,
                OAuth2AuthorizationRequestRedirectFilter.DEFAULT_AUTHORIZATION_REQUEST_BASE_URI);
        resolver.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
        return resolver;
    }

    @Bean
    @Order(2)
    SecurityFilterChain machineApi(HttpSecurity http, ApiAccessProperties api, ClientAddressResolver clientAddresses,
                                   CheckerSecurityProperties security) throws Exception {
        RequestMatcher health = new OrRequestMatcher(PATHS.matcher(HttpMethod.GET, "/health"),
                PATHS.matcher(HttpMethod.HEAD, "/health"), PATHS.matcher("/actuator/health"),
                PATHS.matcher("/actuator/health/**"));
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .headers(headers -> headers.disable())
                .addFilterBefore(new ApiHeadersFilter(PATHS.matcher("/report"), security.frameAncestors()),
                        AuthorizationFilter.class)
                .addFilterBefore(new ApiAccessFilter(api, clientAddresses, health), AuthorizationFilter.class);
        return http.build();
    }

    /** Exactly the two encodings the configuration accepts (see {@link CheckerSecurityProperties.User}). */
    @Bean
    PasswordEncoder passwordEncoder() {
        return new DelegatingPasswordEncoder("bcrypt",
                Map.of("bcrypt", new BCryptPasswordEncoder(), "noop", NoOpPasswordEncoder.getInstance()));
    }
}
