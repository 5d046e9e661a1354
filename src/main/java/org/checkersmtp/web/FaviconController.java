package org.checkersmtp.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Browsers ask for {@code /favicon.ico} whatever the page links: the answer is the SVG icon the pages
 * link ({@code static/favicon.svg}), not a 404 in every console.
 */
@Controller
class FaviconController {

    @GetMapping("/favicon.ico")
    String favicon() {
        return "redirect:/favicon.svg";
    }
}
