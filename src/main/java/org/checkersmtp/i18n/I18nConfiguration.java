package org.checkersmtp.i18n;

import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** One catalogue for the whole service: the rules' states, the API and the pages read the same files. */
@Configuration(proxyBeanMethods = false)
public class I18nConfiguration {

    @Bean
    public Catalogue catalogue() {
        return Catalogue.classpath();
    }

    /** Spring's {@code messageSource} (Thymeleaf's #{…}): Spring Boot's own backs off. */
    @Bean
    public MessageSource messageSource(Catalogue catalogue) {
        return catalogue.messageSource();
    }
}
