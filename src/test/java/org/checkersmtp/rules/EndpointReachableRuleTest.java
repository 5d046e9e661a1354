package org.checkersmtp.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.checkersmtp.rules.Fixtures.*;

import java.util.List;
import org.checkersmtp.observation.AddressResolution;
import org.checkersmtp.observation.ConnectFailure;
import org.checkersmtp.observation.MxLookup;
import org.checkersmtp.observation.MxRecord;
import org.checkersmtp.observation.SmtpObservation;
import org.junit.jupiter.api.Test;

class EndpointReachableRuleTest {

    private final EndpointReachableRule rule = new EndpointReachableRule();

    @Test
    void reachableEndpoint() {
        CheckState s = only(judge(rule, observation(endpoint().build())));
        assertThat(s.status()).isEqualTo(Status.OK);
        assertThat(s.subject()).isEqualTo("mx1.example.com/192.0.2.25");
        assertThat(s.message()).startsWith("mx1.example.com (192.0.2.25) accepts");
    }

    @Test
    void refusedEndpointIsCriticalAndTheDomainTooWhenNoneIsReachable() {
        List<CheckState> states = judge(rule, observation(endpoint().connectFailed(ConnectFailure.REFUSED,
                "Connection refused").build()));
        assertThat(states).extracting(CheckState::code).containsExactly("smtp.endpoint_reachable.unreachable",
                "smtp.endpoint_reachable.none_reachable");
        assertThat(states.get(0).metaString(States.REPRODUCE)).isEqualTo("nc -v 192.0.2.25 25");
        assertThat(states.get(0).message()).contains("Connection refused");
    }

    @Test
    void oneDownOfTwoIsCriticalForThatOneOnly() {
        List<CheckState> states = judge(rule, observation(endpoint().build(),
                endpoint("mx2.example.com", "192.0.2.26").connectFailed(ConnectFailure.TIMEOUT, "timed out").build()));
        assertThat(states).extracting(CheckState::status).containsExactly(Status.OK, Status.CRIT);
    }

    @Test
    void untestableEndpointsAreUnknownNotFailures() {
        List<CheckState> states = judge(rule, observation(
                endpoint().connectFailed(ConnectFailure.POLICY, "refused by policy: 10.0.0.1 is private").build(),
                endpoint("mx1.example.com", "2001:db8::25").connectFailed(ConnectFailure.CHECKER_NO_ROUTE,
                        "Network is unreachable").build()));
        assertThat(states).extracting(CheckState::status).containsExactly(Status.UNKNOWN, Status.UNKNOWN);
        assertThat(states.get(0).message()).contains("could not be tested").contains("policy");
    }

    @Test
    void nothingToConnectToBecauseOfDnsOrByDeclaration() {
        assertThat(only(judge(rule, dnsFailure())).status()).isEqualTo(Status.ERROR);
        CheckState nullMx = only(judge(rule, nullMx()));
        assertThat(nullMx.status()).as("a null MX declares that the domain takes no mail").isEqualTo(Status.INFO);
    }

    /** The Go checker: no MX target with an address means no mail at all: CRIT, not "nothing to check". */
    @Test
    void noMxTargetWithAnAddressIsCriticalForTheDomain() {
        MxRecord gone = new MxRecord(10, "gone.example.com", List.of(), List.of(), false, List.of(),
                AddressResolution.NXDOMAIN, null);
        MxRecord bare = new MxRecord(20, "bare.example.com", List.of(), List.of(), false, List.of(),
                AddressResolution.NO_ADDRESS, null);
        CheckState s = only(judge(rule, withMx(new MxLookup(List.of(gone, bare), null, false, false, false, List.of()))));
        assertThat(s.status()).isEqualTo(Status.CRIT);
        assertThat(s.code()).isEqualTo("smtp.endpoint_reachable.no_endpoint");
        assertThat(s.subject()).isEqualTo("example.com");
        assertThat(s.message()).isEqualTo("There is no endpoint to deliver to: no MX target of example.com has an "
                + "address, so mail to example.com cannot be delivered.");
        assertThat(s.meta().get(States.EVIDENCE)).isEqualTo(List.of("MX 10 gone.example.com: nxdomain",
                "MX 20 bare.example.com: no_address"));
        assertThat(s.metaString(States.REPRODUCE)).startsWith("dig +noall +answer A gone.example.com");
    }

    @Test
    void aDomainThatDoesNotExistHasNoEndpointEither() {
        CheckState s = only(judge(rule, withMx(new MxLookup(List.of(), null, false, false, true, List.of()))));
        assertThat(s.code()).isEqualTo("smtp.endpoint_reachable.no_endpoint");
        assertThat(s.message()).contains("example.com does not exist in DNS");
        assertThat(s.metaString(States.REPRODUCE)).isEqualTo("dig +noall +answer MX example.com");
    }
}
