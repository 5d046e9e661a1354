package org.checkersmtp.observation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.checkersmtp.json.GoJson;
import org.junit.jupiter.api.Test;

/** The typed phase and reply keep the wire format: lower-case phase names, no derived reply fields. */
class SessionEndJsonTest {

    @Test
    void phasesTravelAsTheirLowerCaseNamesBothWays() {
        String json = GoJson.marshal(new SessionEnd(EndReason.DEADLINE, Phase.TLS_HANDSHAKE, "cut"));
        assertThat(json).isEqualTo("{\"reason\":\"deadline\",\"phase\":\"tls_handshake\",\"detail\":\"cut\"}");
        SessionEnd back = GoJson.decode("{\"reason\":\"collect_deadline\",\"phase\":\"queue\"}"
                .getBytes(StandardCharsets.UTF_8), SessionEnd.class);
        assertThat(back.phase()).isEqualTo(Phase.QUEUE);
        assertThat("ended in phase " + Phase.EHLO_TLS).isEqualTo("ended in phase ehlo_tls");
    }

    @Test
    void aReplyCarriesOnlyItsCodeEnhancedCodeAndLines() {
        Reply reply = new Reply(250, "2.1.0", List.of("2.1.0 Ok"));
        assertThat(reply.isPositiveCompletion()).isTrue();
        assertThat(GoJson.marshal(reply)).isEqualTo("{\"code\":250,\"enhanced\":\"2.1.0\",\"lines\":[\"2.1.0 Ok\"]}");
    }
}
