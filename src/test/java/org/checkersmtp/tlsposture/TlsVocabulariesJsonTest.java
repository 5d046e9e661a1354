package org.checkersmtp.tlsposture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import org.checkersmtp.json.GoJson;
import org.checkersmtp.observation.DaneLookup;
import org.checkersmtp.observation.DnssecStatus;
import org.checkersmtp.observation.TlsEndpointPosture;
import org.checkersmtp.observation.TlsFailure;
import org.junit.jupiter.api.Test;

/** The TLS half's enums travel as the lower-case words the wire format had when they were strings. */
class TlsVocabulariesJsonTest {

    @Test
    void dnssecStatusIsWrittenAndReadAsItsWord() {
        for (DnssecStatus status : DnssecStatus.values()) {
            String json = GoJson.marshal(new DaneLookup("mx1.example.com", "_25._tcp.mx1.example.com", status,
                    List.of(), null));
            assertThat(json).contains("\"dnssec\":\"" + status.name().toLowerCase(Locale.ROOT) + "\"");
            assertThat(GoJson.mapper().readValue(json, DaneLookup.class).dnssec()).isEqualTo(status);
        }
    }

    @Test
    void endpointFailureIsWrittenAndReadAsItsWord() {
        for (TlsFailure failure : TlsFailure.values()) {
            String json = GoJson.marshal(new TlsEndpointPosture("mx1.example.com", 25, "192.0.2.25", null, failure,
                    "detail", null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                    null, 0));
            assertThat(json).contains("\"failure\":\"" + failure.name().toLowerCase(Locale.ROOT) + "\"");
            assertThat(GoJson.mapper().readValue(json, TlsEndpointPosture.class).failure()).isEqualTo(failure);
        }
    }
}
