package org.checkersmtp.ownership;

import java.time.Instant;
import org.checkersmtp.json.GoJson;

/**
 * One domain a user asked to prove, as the store keeps it: the token to publish, and once the TXT record
 * was found, when it was proven and last seen (epoch milliseconds, 0 for not yet).
 */
record DomainRecord(String domain, String token, long provenMillis, long checkedMillis) {

    boolean proven() {
        return provenMillis > 0;
    }

    Instant provenAt() {
        return Instant.ofEpochMilli(provenMillis);
    }

    Instant checkedAt() {
        return Instant.ofEpochMilli(checkedMillis);
    }

    DomainRecord seenAt(Instant now) {
        return new DomainRecord(domain, token, proven() ? provenMillis : now.toEpochMilli(), now.toEpochMilli());
    }

    String encode() {
        return GoJson.mapper().writeValueAsString(this);
    }

    /** The record, or null for a value that cannot be read (left out, as the results' index does). */
    static DomainRecord decode(String json) {
        try {
            DomainRecord r = GoJson.mapper().readValue(json, DomainRecord.class);
            return r.domain() == null || r.token() == null ? null : r;
        } catch (RuntimeException damaged) {
            return null;
        }
    }
}
