package org.checkersmtp.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.checkersmtp.rules.Fixtures.*;

import java.util.List;
import org.checkersmtp.observation.ConnectFailure;
import org.checkersmtp.observation.SmtpObservation;
import org.junit.jupiter.api.Test;

class MxConsistencyRuleTest {

    private final MxConsistencyRule rule = new MxConsistencyRule();

    private static EndpointBuilder primary() {
        return endpoint("mx1.example.com", "192.0.2.25").preference(10);
    }

    private static EndpointBuilder backup() {
        return endpoint("mx2.example.com", "192.0.2.26").preference(20);
    }

    @Test
    void onlyTheBackupLacksStartTls() {
        CheckState s = only(judge(rule, observation(primary().build(),
                backup().extensions("PIPELINING", "SIZE 10240000", "8BITMIME").build())));
        assertThat(s.status()).isEqualTo(Status.CRIT);
        assertThat(s.code()).isEqualTo("smtp.mx_consistency.starttls");
        assertThat(s.subject()).isEqualTo("mx2.example.com/192.0.2.26");
        assertThat(s.message()).isEqualTo("mx2.example.com (192.0.2.26), a backup MX (preference 20), does not "
                + "offer STARTTLS, unlike mx1.example.com (192.0.2.25, preference 10): a downgrade path (an attacker "
                + "who blocks the others sends mail through it in clear text).");
        assertThat(inFrench(s)).startsWith("mx2.example.com (192.0.2.26), un MX de secours (préférence 20), ")
                .contains("mx1.example.com (192.0.2.25, préférence 10)");
        assertThat(s.meta().get(States.EVIDENCE)).isEqualTo(List.of("mx1.example.com (192.0.2.25) offers STARTTLS.",
                "mx2.example.com (192.0.2.26) does not offer STARTTLS: mail to it travels in clear text."));
        assertThat(s.metaString(States.REPRODUCE))
                .startsWith("swaks --server 192.0.2.26 --port 25").endsWith("--quit-after EHLO");
        assertThat(s.metaString(States.FIX)).isEqualTo(MxConsistencyRule.STARTTLS.fix());
    }

    @Test
    void thePrimaryIsNamedWithoutTheBackupWording() {
        CheckState s = only(judge(rule, observation(primary().extensions("PIPELINING", "SIZE 10240000").build(),
                backup().build())));
        assertThat(s.subject()).isEqualTo("mx1.example.com/192.0.2.25");
        assertThat(s.message()).startsWith("mx1.example.com (192.0.2.25) does not offer STARTTLS, unlike "
                + "mx2.example.com (192.0.2.26, preference 20)");
    }

    @Test
    void ipv4AndIpv6OfOneNameWithDifferentBannersAreTwoMachines() {
        CheckState s = only(judge(rule, observation(
                primary().answersAs("a.example.com", "Postfix").build(),
                endpoint("mx1.example.com", "2001:db8::25").preference(10).answersAs("b.example.com", "Exim")
                        .build())));
        assertThat(s.status()).isEqualTo(Status.WARN);
        assertThat(s.code()).isEqualTo("smtp.mx_consistency.host_names");
        assertThat(s.subject()).isEqualTo("mx1.example.com");
        assertThat(s.message()).isEqualTo("mx1.example.com answers as a.example.com/a.example.com (greeting/EHLO) "
                + "over IPv4 (192.0.2.25) but as b.example.com/b.example.com over IPv6 (2001:db8::25): two different "
                + "machines behind one MX name?");
        assertThat(s.meta().get(States.EVIDENCE)).asList().hasSize(2).first().asString()
                .contains("greeting \"220 a.example.com ESMTP Postfix\"");
        assertThat(s.metaString(States.REPRODUCE)).contains("--server 192.0.2.25").contains("--server 2001:db8::25");
    }

    @Test
    void oneMachineOverBothFamiliesIsConsistent() {
        CheckState s = only(judge(rule, observation(primary().answersAs("mx1.example.com", "Postfix").build(),
                endpoint("mx1.example.com", "2001:db8::25").answersAs("MX1.example.com", "Postfix (v6 listener)")
                        .build())));
        assertThat(s.code()).isEqualTo("smtp.mx_consistency.consistent");
        assertThat(s.message()).contains("each MX name answers with the same host name over IPv4 and IPv6");
    }

    @Test
    void aConsistentPool() {
        CheckState s = only(judge(rule, observation(primary().build(), backup().build())));
        assertThat(s.status()).isEqualTo(Status.INFO);
        assertThat(s.code()).isEqualTo("smtp.mx_consistency.consistent");
        assertThat(s.subject()).isEqualTo("example.com");
        assertThat(s.message()).isEqualTo("The endpoints of example.com agree: all offer STARTTLS; all refuse to "
                + "relay; all accept postmaster@; all accept MAIL FROM:<>; SIZE limits within a factor of two.");
    }

    @Test
    void anOpenRelayBackupIsCritical() {
        CheckState s = only(judge(rule, observation(primary().build(), backup().relay("250 2.1.0 Ok", "250 2.1.5 Ok")
                .build())));
        assertThat(s.status()).isEqualTo(Status.CRIT);
        assertThat(s.code()).isEqualTo("smtp.mx_consistency.open_relay");
        assertThat(s.subject()).isEqualTo("mx2.example.com/192.0.2.26");
        assertThat(s.message()).contains("a backup MX (preference 20), relays mail for outsiders, unlike "
                + "mx1.example.com");
        assertThat(s.metaString(States.REPRODUCE)).as("the open-relay rule's own command")
                .contains("--to postmaster@example.net --quit-after RCPT");
    }

    @Test
    void postmasterAndNullSenderThatDifferWarn() {
        List<CheckState> states = judge(rule, observation(primary().build(),
                backup().nullSender("550 5.7.1 <>: Sender address rejected", null)
                        .postmaster("250 2.1.0 Ok", "550 5.1.1 <postmaster@example.com>: User unknown").build()));
        assertThat(states).extracting(CheckState::code).containsExactly("smtp.mx_consistency.postmaster",
                "smtp.mx_consistency.null_sender");
        assertThat(states).allSatisfy(s -> {
            assertThat(s.status()).isEqualTo(Status.WARN);
            assertThat(s.subject()).isEqualTo("mx2.example.com/192.0.2.26");
        });
        assertThat(states.get(1).message()).contains("refuses MAIL FROM:<>, unlike mx1.example.com")
                .contains("bounces that reach it are lost");
    }

    @Test
    void sizeLimitsMoreThanTwiceApartWarnAboutTheSmallerOne() {
        CheckState s = only(judge(rule, observation(
                primary().tlsExtensions("PIPELINING", "SIZE 52428800", "8BITMIME").build(),
                backup().tlsExtensions("PIPELINING", "SIZE 10240000", "8BITMIME").build())));
        assertThat(s.code()).isEqualTo("smtp.mx_consistency.size");
        assertThat(s.subject()).isEqualTo("mx2.example.com/192.0.2.26");
        assertThat(s.message()).contains("accepts messages up to 10240000 bytes (SIZE), less than half of the "
                + "52428800 bytes of mx1.example.com (192.0.2.25)");
        assertThat(only(judge(rule, observation(
                primary().tlsExtensions("SIZE 20000000").build(),
                backup().tlsExtensions("SIZE 10240000").build()))).code())
                .as("within a factor of two").isEqualTo("smtp.mx_consistency.consistent");
    }

    @Test
    void anEndpointThatCouldNotBeTestedDoesNotDiffer() {
        CheckState s = only(judge(rule, observation(primary().build(),
                backup().connectFailed(ConnectFailure.TIMEOUT, "connect timed out").build())));
        assertThat(s.code()).isEqualTo("smtp.mx_consistency.not_comparable");
        assertThat(only(judge(rule, observation(primary().build()))).code())
                .isEqualTo("smtp.mx_consistency.not_comparable");
    }

    @Test
    void noPoolToCompare() {
        assertThat(only(judge(rule, nullMx())).status()).isEqualTo(Status.INFO);
        assertThat(only(judge(rule, dnsFailure())).status()).isEqualTo(Status.ERROR);
    }
}
