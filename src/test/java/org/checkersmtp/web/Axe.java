package org.checkersmtp.web;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.checkersmtp.testsupport.realservers.RealServers;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * axe-core (npm, {@code npm ci --prefix src/test/a11y}) run in the browser's current document against
 * WCAG 2.0 and 2.1, levels A and AA. Frames are judged on their own (switch to one, then run).
 */
final class Axe {

    static final Path SCRIPT = Path.of("src/test/a11y/node_modules/axe-core/axe.min.js");
    private static final String RUN = "var done = arguments[arguments.length - 1];"
            + "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},"
            + " iframes: false, resultTypes: ['violations']})"
            + ".then(function (r) { done(r.violations.map(function (v) { return v.id + ' (' + v.impact + '): ' + v.help"
            + " + '\\n' + v.nodes.map(function (n) { return '    ' + n.target.join(' ') + ' ' + n.failureSummary"
            + ".replace(/\\n/g, ' '); }).join('\\n'); })); })"
            + ".catch(function (e) { done(['axe failed: ' + e]); });";

    private final String source;

    Axe() throws Exception {
        RealServers.require(Files.isReadable(SCRIPT), "axe-core is not installed (npm ci --prefix src/test/a11y)");
        source = Files.readString(SCRIPT);
    }

    /** Every violation on the page the browser shows (or the frame it switched to), one text per rule. */
    @SuppressWarnings("unchecked")
    List<String> violations(WebDriver browser) {
        JavascriptExecutor js = (JavascriptExecutor) browser;
        js.executeScript(source);
        return (List<String>) js.executeAsyncScript(RUN);
    }

    /** The violations of several pages, by page, for one message that lists them all. */
    static String describe(Map<String, List<String>> byPage) {
        StringBuilder text = new StringBuilder();
        byPage.forEach((page, found) -> found.forEach(v -> text.append(page).append(": ").append(v).append('\n')));
        return text.toString();
    }
}
