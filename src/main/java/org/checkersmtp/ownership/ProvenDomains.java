package org.checkersmtp.ownership;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.checkersmtp.i18n.Text;
import org.checkersmtp.options.Hostnames;
import org.checkersmtp.options.InvalidOptionException;
import org.checkersmtp.options.OptionsParser;
import org.checkersmtp.results.ResultStore;
import org.springframework.stereotype.Service;

/**
 * The domains each user has proven, in the results' store: a token per user and domain (128 random bits,
 * kept until the domain is removed or its proof dropped), its TXT record looked up on "Verify", and the
 * proof looked up again by the first check after {@code checker.ownership.recheck}: a record that is gone
 * drops the proof. A proof covers the domain and its subdomains.
 */
@Service
public class ProvenDomains {

    private final ResultStore store;
    private final ProofLookup lookup;
    private final Clock clock;
    private final OwnershipProperties.Ownership settings;
    private final SecureRandom random = new SecureRandom();

    public ProvenDomains(ResultStore store, ProofLookup lookup, Clock clock, OwnershipProperties properties) {
        this.store = store;
        this.lookup = lookup;
        this.clock = clock;
        this.settings = properties.ownership();
    }

    /** One of a user's domains as the domains page shows it. */
    public record OwnedDomain(String domain, String recordName, String recordValue, Instant provenAt,
                              Instant checkedAt) {

        public boolean proven() {
            return provenAt != null;
        }

        static OwnedDomain of(DomainRecord r) {
            return new OwnedDomain(r.domain(), ProofLookup.recordName(r.domain()), ProofLookup.recordValue(r.token()),
                    r.proven() ? r.provenAt() : null, r.proven() ? r.checkedAt() : null);
        }
    }

    /** A verification's answer: proven, or why not (a sentence naming the domain, for the reader). */
    public record Verification(boolean proven, Text reason) {
    }

    /** Thrown when a user already keeps {@code checker.ownership.max-domains} domains; its message is in English. */
    public static final class TooManyDomains extends RuntimeException {
        private final transient Text text;

        TooManyDomains(int max) {
            this(Text.of("ownership.too_many", "max", max));
        }

        private TooManyDomains(Text text) {
            super(text.inEnglish(), null, false, false);
            this.text = text;
        }

        /** What to tell the user, in their language. */
        public Text text() {
            return text;
        }
    }

    /** The user's domains, by name. */
    public List<OwnedDomain> list(String user) {
        return records(user).stream().sorted(Comparator.comparing(DomainRecord::domain)).map(OwnedDomain::of).toList();
    }

    /**
     * The domain, with its token to publish: the one already given if the user asked before.
     *
     * @throws InvalidOptionException naming {@value OptionsParser#DOMAIN}, for a name the check form would refuse
     * @throws TooManyDomains         over {@code checker.ownership.max-domains}
     */
    public OwnedDomain request(String user, String rawDomain) {
        String domain = Hostnames.normalize(OptionsParser.DOMAIN, rawDomain == null ? "" : rawDomain.trim());
        Optional<DomainRecord> known = record(user, domain);
        if (known.isPresent()) {
            return OwnedDomain.of(known.get());
        }
        if (store.domains(user).size() >= settings.maxDomains()) {
            throw new TooManyDomains(settings.maxDomains());
        }
        byte[] bits = new byte[16];
        random.nextBytes(bits);
        DomainRecord fresh = new DomainRecord(domain, HexFormat.of().formatHex(bits), 0, 0);
        store.putDomain(user, domain, fresh.encode());
        return OwnedDomain.of(fresh);
    }

    /** Looks the domain's TXT record up and, when it holds the token, records the proof. */
    public Verification verify(String user, String domain) {
        Optional<DomainRecord> known = record(user, domain);
        if (known.isEmpty()) {
            return new Verification(false, Text.of("ownership.verify.not_added", "domain", domain));
        }
        ProofLookup.Result found = lookup.find(domain, known.get().token());
        if (found.outcome() != ProofLookup.Outcome.FOUND) {
            return new Verification(false, Text.of("ownership.verify.not_proven", "domain", domain,
                    "reason", found.reason()));
        }
        store.putDomain(user, domain, known.get().seenAt(clock.instant()).encode());
        return new Verification(true, null);
    }

    /** Forgets the domain, proven or not; its token with it. */
    public void remove(String user, String domain) {
        store.removeDomain(user, domain);
    }

    /**
     * Whether the user has proven the domain or one above it. A proof older than {@code recheck} is looked up
     * again first: a record gone (or no longer holding the token) drops it; a lookup that tells nothing
     * keeps it, but does not vouch for this check either.
     */
    public Standing standing(String user, String domain) {
        if (user == null) {
            return Standing.UNPROVEN;
        }
        Optional<DomainRecord> covering = records(user).stream().filter(DomainRecord::proven)
                .filter(r -> Hostnames.isWithin(domain, r.domain()))
                .max(Comparator.comparingLong(DomainRecord::checkedMillis));
        if (covering.isEmpty()) {
            return Standing.UNPROVEN;
        }
        DomainRecord proof = covering.get();
        Instant now = clock.instant();
        if (!now.isAfter(proof.checkedAt().plus(settings.recheck()))) {
            return Standing.PROVEN;
        }
        ProofLookup.Result again = lookup.find(proof.domain(), proof.token());
        return switch (again.outcome()) {
            case FOUND -> {
                store.putDomain(user, proof.domain(), proof.seenAt(now).encode());
                yield Standing.PROVEN;
            }
            case ABSENT -> {
                store.removeDomain(user, proof.domain());
                yield Standing.DROPPED;
            }
            case FAILED -> Standing.UNCONFIRMED;
        };
    }

    /** What a user's proofs say of a domain now. */
    public enum Standing {
        PROVEN,
        /** no proof covers it */
        UNPROVEN,
        /** its proof was due for a re-check and the TXT record is gone: the proof is dropped */
        DROPPED,
        /** its proof was due for a re-check and the lookup told nothing: kept, but not for this check */
        UNCONFIRMED
    }

    private Optional<DomainRecord> record(String user, String domain) {
        return Optional.ofNullable(store.domains(user).get(domain)).map(DomainRecord::decode)
                .filter(r -> r.domain().equals(domain));
    }

    private List<DomainRecord> records(String user) {
        return store.domains(user).values().stream().map(DomainRecord::decode).filter(Objects::nonNull).toList();
    }
}
