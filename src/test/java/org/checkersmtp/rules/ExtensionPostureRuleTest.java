package org.checkersmtp.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.checkersmtp.rules.Fixtures.*;

import java.util.List;
import org.checkersmtp.observation.EndpointProbe;
import org.junit.jupiter.api.Test;

class ExtensionPostureRuleTest {

    private final ExtensionPostureRule rule = new ExtensionPostureRule();

    @Test
    void everythingAdvertisedOverTls() {
        CheckState s = only(judge(rule, endpoint().build()));
        assertThat(s.status()).isEqualTo(Status.OK);
        assertThat(s.message()).contains("(over TLS)").contains("SIZE 10240000").contains("SMTPUTF8 yes");
        assertThat(s.meta().get("extensions")).asString().contains("CHUNKING=yes");
        assertThat(inFrench(s)).contains("(sur TLS)").contains("SIZE 10240000, SMTPUTF8 oui, CHUNKING oui");
    }

    @Test
    void missingPipeliningIsInformation() {
        CheckState s = only(judge(rule, endpoint().extensions("SIZE 1000", "8BITMIME").build()));
        assertThat(s.status()).isEqualTo(Status.INFO);
        assertThat(s.message()).contains("does not advertise PIPELINING").contains("SMTPUTF8 no");
        assertThat(inFrench(s)).contains("SMTPUTF8 non");
        CheckState neither = only(judge(rule, endpoint().extensions("SIZE 1000").build()));
        assertThat(neither.message()).contains("does not advertise PIPELINING or 8BITMIME;");
        assertThat(inFrench(neither)).contains("PIPELINING ou 8BITMIME");
    }

    @Test
    void untestedWithoutEhlo() {
        assertThat(only(judge(rule, endpoint().ehloRefused("502 5.5.2 no", "250 ok").build())).status())
                .isEqualTo(Status.UNKNOWN);
    }
}
