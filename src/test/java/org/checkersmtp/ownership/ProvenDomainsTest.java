package org.checkersmtp.ownership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.checkersmtp.i18n.Catalogue;
import org.checkersmtp.results.ResultStore;
import org.checkersmtp.results.ResultSummary;
import org.checkersmtp.testsupport.MutableClock;
import org.checkersmtp.testsupport.TestCollectors;
import org.checkersmtp.testsupport.ZoneDnsServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Which proofs cover a domain, and the re-check on the injected clock, against a scripted DNS server: a
 * proof covers its subdomains and nothing that merely ends with its name; within the period no lookup is
 * made; past it a lookup that tells nothing keeps the proof but vouches for nothing, one that finds the
 * record renews it. (The stores themselves are held to their contract in ResultStoreContractTest; here a
 * map stands in for one, as only the domain records are used.)
 */
class ProvenDomainsTest {

    private static final String TOKEN = "0123456789abcdef0123456789abcdef";
    private static final Instant START = Instant.parse("2026-05-01T10:00:00Z");
    private static ZoneDnsServer dns;

    @BeforeAll
    static void start() {
        dns = new ZoneDnsServer("_checker-smtp.good.test. 300 IN TXT \"checker-smtp-verification=" + TOKEN + "\"");
    }

    @AfterAll
    static void stop() {
        dns.close();
    }

    private final MutableClock clock = new MutableClock(START);
    private final DomainsOnly store = new DomainsOnly();
    private final ProvenDomains proofs = new ProvenDomains(store, new ProofLookup(
            TestCollectors.properties(dns.address(), 25, Duration.ofSeconds(90)), properties()), clock, properties());

    private static OwnershipProperties properties() {
        return new OwnershipProperties(new OwnershipProperties.Targets(true, false),
                new OwnershipProperties.Ownership(Duration.ofDays(7), Duration.ofSeconds(1), 2));
    }

    private void proven(String domain) {
        store.putDomain("alice", domain, new DomainRecord(domain, TOKEN, START.toEpochMilli(), START.toEpochMilli())
                .encode());
    }

    @Test
    void aProofCoversItsSubdomains_notANameThatMerelyEndsWithIt_norAnotherUser() {
        proven("good.test");

        assertThat(proofs.standing("alice", "good.test")).isEqualTo(ProvenDomains.Standing.PROVEN);
        assertThat(proofs.standing("alice", "mail.good.test")).isEqualTo(ProvenDomains.Standing.PROVEN);
        assertThat(proofs.standing("alice", "notgood.test")).isEqualTo(ProvenDomains.Standing.UNPROVEN);
        assertThat(proofs.standing("alice", "test")).isEqualTo(ProvenDomains.Standing.UNPROVEN);
        assertThat(proofs.standing("bob", "good.test")).isEqualTo(ProvenDomains.Standing.UNPROVEN);
        assertThat(proofs.standing(null, "good.test")).isEqualTo(ProvenDomains.Standing.UNPROVEN);
        assertThat(dns.udpQueries()).isZero();
    }

    @Test
    void pastTheRecheck_noAnswerKeepsTheProofButVouchesForNothing_andAnAnswerRenewsIt() {
        proven("good.test");
        clock.advance(Duration.ofDays(8));

        dns.misbehave("_checker-smtp.good.test.", ZoneDnsServer.Misbehaviour.DROP);
        assertThat(proofs.standing("alice", "good.test")).isEqualTo(ProvenDomains.Standing.UNCONFIRMED);
        assertThat(proofs.list("alice")).extracting(ProvenDomains.OwnedDomain::proven).containsExactly(true);

        dns.misbehave("_checker-smtp.good.test.", null);
        assertThat(proofs.standing("alice", "good.test")).isEqualTo(ProvenDomains.Standing.PROVEN);
        ProvenDomains.OwnedDomain renewed = proofs.list("alice").get(0);
        assertThat(renewed.provenAt()).isEqualTo(START);
        assertThat(renewed.checkedAt()).isEqualTo(clock.instant());
    }

    @Test
    void aUserKeepsAtMostMaxDomains_andAskingAgainGivesTheSameToken() {
        ProvenDomains.OwnedDomain first = proofs.request("alice", "one.test");
        assertThat(proofs.request("alice", "ONE.test.").recordValue()).isEqualTo(first.recordValue());
        proofs.request("alice", "two.test");

        assertThatThrownBy(() -> proofs.request("alice", "three.test"))
                .isInstanceOf(ProvenDomains.TooManyDomains.class)
                .hasMessage("You already have 2 domains: remove one first.");
        proofs.remove("alice", "one.test");
        assertThat(proofs.request("alice", "one.test").recordValue()).isNotEqualTo(first.recordValue());
    }

    /** Why a verification failed, and that too many domains is refused, said in the user's language. */
    @Test
    void whyNotProven_inEnglishAndInFrench() {
        ProvenDomains.Verification unknown = proofs.verify("alice", "one.test");
        assertThat(unknown.proven()).isFalse();
        assertThat(unknown.reason().inEnglish()).isEqualTo("one.test: Add one.test first.");
        assertThat(unknown.reason().in(Catalogue.classpath(), Locale.FRENCH))
                .isEqualTo("one.test\u00a0: ajoutez d'abord one.test.");

        proofs.request("alice", "one.test");
        ProvenDomains.Verification unpublished = proofs.verify("alice", "one.test");
        assertThat(unpublished.proven()).isFalse();
        assertThat(unpublished.reason().inEnglish())
                .isEqualTo("one.test: Not proven: there is no _checker-smtp.one.test.");
        assertThat(unpublished.reason().in(Catalogue.classpath(), Locale.FRENCH))
                .isEqualTo("one.test\u00a0: non prouvé\u00a0: le nom _checker-smtp.one.test n'existe pas.");

        proofs.request("alice", "two.test");
        assertThatThrownBy(() -> proofs.request("alice", "three.test"))
                .isInstanceOfSatisfying(ProvenDomains.TooManyDomains.class, e -> assertThat(
                        e.text().in(Catalogue.classpath(), Locale.FRENCH))
                        .isEqualTo("Vous avez déjà 2 domaines\u00a0: retirez-en un d'abord."));
    }

    /** Only the domain records of a store. */
    private static final class DomainsOnly implements ResultStore {
        private final Map<String, Map<String, String>> domains = new HashMap<>();

        @Override
        public void putDomain(String owner, String domain, String value) {
            domains.computeIfAbsent(owner, o -> new HashMap<>()).put(domain, value);
        }

        @Override
        public Map<String, String> domains(String owner) {
            return Map.copyOf(domains.getOrDefault(owner, Map.of()));
        }

        @Override
        public void removeDomain(String owner, String domain) {
            domains.getOrDefault(owner, new HashMap<>()).remove(domain);
        }

        @Override
        public void put(ResultSummary summary, String value, Duration keep) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<String> value(String id) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<ResultSummary> index(String owner) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void remove(ResultSummary summary) {
            throw new UnsupportedOperationException();
        }
    }
}
