package org.checkersmtp.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.checkersmtp.rules.Fixtures.*;

import org.checkersmtp.observation.ConnectFailure;
import org.checkersmtp.observation.EndReason;
import org.checkersmtp.observation.EndpointProbe;
import org.junit.jupiter.api.Test;

class BannerSanityRuleTest {

    private final BannerSanityRule rule = new BannerSanityRule();

    private CheckState judge(EndpointProbe e) {
        return only(Fixtures.judge(rule, observation(e)));
    }

    @Test
    void greets220() {
        CheckState s = judge(endpoint().greetPause(6000).build());
        assertThat(s.status()).isEqualTo(Status.OK);
        assertThat(s.message()).contains("220 mx1.example.com ESMTP Postfix").contains("greet pause");
    }

    @Test
    void permanentRefusalIsCritical() {
        CheckState s = judge(endpoint().greeting("554 5.7.1 No SMTP service here").build());
        assertThat(s.code()).isEqualTo("smtp.banner_sanity.refused");
        assertThat(s.message()).contains("554 5.7.1 No SMTP service here");
    }

    @Test
    void temporaryRefusalIsInconclusive() {
        CheckState s = judge(endpoint().greeting("421 4.3.2 Too many connections").build());
        assertThat(s.status()).isEqualTo(Status.WARN);
        assertThat(s.message()).contains("inconclusive — temporarily refused");
    }

    @Test
    void garbageIsNotSmtp() {
        CheckState s = judge(endpoint().endedAt("greeting", EndReason.PROTOCOL_ERROR,
                "not an SMTP reply line: HTTP/1.1 400 Bad Request").build());
        assertThat(s.code()).isEqualTo("smtp.banner_sanity.invalid");
        assertThat(s.status()).isEqualTo(Status.CRIT);
    }

    /** The Go checker: an endpoint that accepts TCP but never says 220 is CRIT; the run's timeout is the wait. */
    @Test
    void noGreetingWithinTheTimeoutIsCriticalAndSaysHowLongWeWaited() {
        CheckState s = judge(endpoint().endedAt("greeting", EndReason.DEADLINE, "session deadline reached").build());
        assertThat(s.code()).isEqualTo("smtp.banner_sanity.silent");
        assertThat(s.status()).isEqualTo(Status.CRIT);
        assertThat(s.message()).isEqualTo("mx1.example.com (192.0.2.25) accepted the connection but sent no 220 "
                + "greeting within 12 s (the run's timeout). If the server deliberately delays its greeting longer, "
                + "raise the timeout option above that delay.");
        assertThat(s.metaString(States.FIX)).contains("raise the run's timeout option");
        assertThat(s.metaString(States.REPRODUCE)).isEqualTo("nc -v 192.0.2.25 25");
    }

    @Test
    void theWaitIsTheRunsTimeoutEvenWhenItIsNotWholeSeconds() {
        var settings = new org.checkersmtp.observation.ProbeSettings("mx-checker.happydomain.org", 60_000, 2500,
                java.util.EnumSet.allOf(org.checkersmtp.observation.OptionalProbe.class), "postmaster@example.com", "postmaster@example.net", "postmaster@example.net");
        CheckState s = only(Fixtures.judge(rule, observation(settings, endpoint()
                .endedAt("greeting", EndReason.DEADLINE, "session deadline reached").build())));
        assertThat(s.message()).contains("within 2.5 s (the run's timeout)");
    }

    @Test
    void unreachableEndpointIsUntested() {
        CheckState s = judge(endpoint().connectFailed(ConnectFailure.REFUSED, "Connection refused").build());
        assertThat(s.status()).isEqualTo(Status.UNKNOWN);
        assertThat(s.message()).contains("not reachable");
    }
}
