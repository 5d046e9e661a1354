package org.checkersmtp.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import jakarta.servlet.http.Cookie;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Which language the sign-in page speaks: the browser's (Accept-Language) among the catalogue's, English for
 * any other; {@code ?lang=} overrides it and is remembered in a cookie; a cookie or {@code ?lang=} naming a
 * language the catalogue lacks changes nothing, so {@code <html lang>} never claims a language the page is not in.
 */
@SpringBootTest
@AutoConfigureMockMvc
class PageLanguageTest {

    @Autowired
    MockMvc mvc;

    private Document page(MockHttpServletRequestBuilder request) throws Exception {
        return Jsoup.parse(mvc.perform(request).andReturn().getResponse().getContentAsString());
    }

    private static String said(Document page) {
        return page.select("html").attr("lang") + " " + page.select("h1").text();
    }

    @Test
    void theBrowsersLanguageAmongTheCatalogues() throws Exception {
        assertThat(said(page(get("/login")))).isEqualTo("en Sign in");
        assertThat(said(page(get("/login").header("Accept-Language", "fr-CA,fr;q=0.9,en;q=0.5"))))
                .isEqualTo("fr Connexion");
        assertThat(said(page(get("/login").header("Accept-Language", "de-DE,de;q=0.9")))).isEqualTo("en Sign in");
        assertThat(said(page(get("/login").header("Accept-Language", "de, fr;q=0.5")))).isEqualTo("fr Connexion");
    }

    @Test
    void theSwitchersChoiceIsRememberedAndOnlyForALanguageTheCatalogueHas() throws Exception {
        MockHttpServletResponse chosen = mvc.perform(get("/login").param("lang", "fr")
                .header("Accept-Language", "en")).andReturn().getResponse();
        assertThat(said(Jsoup.parse(chosen.getContentAsString()))).isEqualTo("fr Connexion");
        Cookie cookie = chosen.getCookie(PageLanguage.COOKIE);
        assertThat(cookie).isNotNull();
        assertThat(cookie.getMaxAge()).isGreaterThan(30 * 24 * 3600);
        assertThat(said(page(get("/login").cookie(cookie).header("Accept-Language", "en"))))
                .isEqualTo("fr Connexion");
        Document switcher = page(get("/login").cookie(cookie));
        assertThat(switcher.select("#lang-fr").attr("aria-current")).isEqualTo("true");
        assertThat(switcher.select("#lang-en").attr("lang")).isEqualTo("en");
        assertThat(switcher.select("#lang-en").hasAttr("aria-current")).isFalse();

        MockHttpServletResponse unknown = mvc.perform(get("/login").param("lang", "de")).andReturn().getResponse();
        assertThat(said(Jsoup.parse(unknown.getContentAsString()))).isEqualTo("en Sign in");
        assertThat(unknown.getCookie(PageLanguage.COOKIE)).isNull();
        assertThat(said(page(get("/login").cookie(new Cookie(PageLanguage.COOKIE, "de"))))).isEqualTo("en Sign in");
        assertThat(said(page(get("/login").param("lang", "%%%")))).isEqualTo("en Sign in");
    }
}
