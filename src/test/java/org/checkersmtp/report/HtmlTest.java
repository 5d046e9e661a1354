package org.checkersmtp.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlTest {

    @Test
    void textIsEscapedAndOnlyRawMarkupIsWrittenAsIs() {
        String banner = "220 <script>alert('x')</script> & \"ESMTP\"";
        String html = new Html(64).raw("<code>").text(banner).raw("</code>").text((String) null).text(25).toString();
        assertThat(html).isEqualTo(
                "<code>220 &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;ESMTP&quot;</code>25");
    }
}
