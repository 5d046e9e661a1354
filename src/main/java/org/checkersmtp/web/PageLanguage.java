package org.checkersmtp.web;

import java.time.Duration;
import java.util.Locale;
import org.checkersmtp.i18n.Catalogue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The pages' language: the one chosen with the header's switcher ({@value #PARAMETER}=fr, remembered in the
 * cookie {@value #COOKIE}), else the first of the catalogue's languages {@code Accept-Language} names, else
 * English. A language the catalogue lacks is not remembered, so {@code <html lang>} never claims one it is not.
 */
@Configuration(proxyBeanMethods = false)
public class PageLanguage implements WebMvcConfigurer {

    static final String PARAMETER = "lang";
    static final String COOKIE = "checker-smtp-lang";

    @Bean
    public LocaleResolver localeResolver() {
        CookieLocaleResolver resolver = new CookieLocaleResolver(COOKIE) {
            @Override
            public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
                if (locale == null || known(locale)) {
                    super.setLocale(request, response, locale == null ? null : new Locale(locale.getLanguage()));
                }
            }

            /** A cookie naming a language the catalogue lacks (written by hand, or the file since removed). */
            @Override
            public Locale resolveLocale(HttpServletRequest request) {
                Locale chosen = super.resolveLocale(request);
                return known(chosen) ? chosen : language(request);
            }
        };
        resolver.setCookieMaxAge(Duration.ofDays(365));
        resolver.setDefaultLocaleFunction(PageLanguage::language);
        return resolver;
    }

    private static Locale language(HttpServletRequest request) {
        return Catalogue.language(request.getHeader(HttpHeaders.ACCEPT_LANGUAGE)).orElse(Locale.ENGLISH);
    }

    private static boolean known(Locale locale) {
        return Catalogue.language(locale).isPresent();
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor change = new LocaleChangeInterceptor();
        change.setParamName(PARAMETER);
        change.setIgnoreInvalidLocale(true);
        registry.addInterceptor(change);
    }
}
