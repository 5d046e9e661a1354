package org.checkersmtp.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.checkersmtp.rules.Fixtures.*;

import java.util.List;
import java.util.stream.Stream;
import org.checkersmtp.observation.AddressResolution;
import org.checkersmtp.observation.MxLookup;
import org.checkersmtp.observation.MxRecord;
import org.checkersmtp.observation.SmtpObservation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every rule on an observation without any endpoint: the MX lookup failed, the domain publishes a null MX,
 * does not exist, or its MX target has no address. A rule with the generic codes of EndpointRules says
 * "could not determine" for the first and "nothing to check" for a null MX; every rule says something.
 */
class NoEndpointRuleTest {

    static Stream<Rule> rules() {
        return AllRules.instances().stream();
    }

    private static boolean declares(Rule rule, String code) {
        return rule.codes().stream().anyMatch(c -> c.code().equals(code));
    }

    private static List<String> codes(Rule rule, SmtpObservation obs) {
        return judge(rule, obs).stream().map(CheckState::code).toList();
    }

    @ParameterizedTest
    @MethodSource("rules")
    void aFailedMxLookupIsUndetermined(Rule rule) {
        List<String> codes = codes(rule, dnsFailure());
        if (declares(rule, rule.name() + ".undetermined")) {
            assertThat(codes).containsExactly(rule.name() + ".undetermined");
        }
    }

    @ParameterizedTest
    @MethodSource("rules")
    void aNullMxIsNothingToCheck(Rule rule) {
        List<String> codes = codes(rule, nullMx());
        if (declares(rule, rule.name() + ".nothing")) {
            assertThat(codes).containsExactly(rule.name() + ".nothing");
        }
    }

    /** No such domain, or an MX target without an address: each rule says something well formed (judge checks). */
    @ParameterizedTest
    @MethodSource("rules")
    void noDomainOrNoAddress(Rule rule) {
        MxRecord noAddress = new MxRecord(10, "mx1.example.com", List.of(), List.of(), false, List.of(),
                AddressResolution.NXDOMAIN, null);
        assertThat(codes(rule, withMx(new MxLookup(List.of(), null, false, false, true, List.of())))).isNotEmpty();
        assertThat(codes(rule, withMx(new MxLookup(List.of(noAddress), null, false, false, false,
                List.of("example.com. 300 IN MX 10 mx1.example.com."))))).isNotEmpty();
    }
}
