package org.checkersmtp.testsupport;

import org.checkersmtp.i18n.Catalogue;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/** The template engine as Spring Boot configures it (templates/ on the classpath, HTML, SpEL, the catalogue), without a context. */
public final class TestTemplates {

    private TestTemplates() {}

    public static SpringTemplateEngine engine() {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("templates/");
        resolver.setSuffix(".html");
        resolver.setCharacterEncoding("UTF-8");
        SpringTemplateEngine engine = new SpringTemplateEngine();
        engine.setTemplateResolver(resolver);
        engine.setTemplateEngineMessageSource(Catalogue.classpath().messageSource());
        return engine;
    }
}
