package org.checkersmtp.results;

import java.time.Instant;
import org.checkersmtp.rules.Status;

/**
 * A stored result as its owner's index holds it: enough for the history and for finding the previous
 * result of the same check without reading every stored value.
 *
 * @param optionsKey the normalised options as canonical JSON: two results of the same check have the same key
 */
public record ResultSummary(String id, String owner, String domain, String optionsKey, long createdMillis,
                            Status verdict, Visibility visibility) {

    public Instant created() {
        return Instant.ofEpochMilli(createdMillis);
    }
}
