package org.checkersmtp.web;

import java.time.Duration;
import org.checkersmtp.check.CheckResult;
import org.checkersmtp.i18n.Text;
import org.checkersmtp.results.StoredResult;

/**
 * What the result page shows.
 *
 * @param result         the check, or null when the collect failed
 * @param collectFailure why the collect failed ("Collect failed: …"), or null
 * @param cachedAge      how old the result served from the cache is, or null when it was just computed
 * @param stored         the result as stored under its permalink, or null when it was not (see notStored)
 * @param notStored      why a result has no permalink (said in the page's language), or null
 */
record CheckOutcome(String domain, CheckResult result, String collectFailure, Duration cachedAge, StoredResult stored,
                    Text notStored) {

    static CheckOutcome failed(String domain, String why) {
        return new CheckOutcome(domain, null, why, null, null, null);
    }

    /** A stored result opened from its permalink. */
    static CheckOutcome of(StoredResult stored) {
        return new CheckOutcome(stored.domain(), stored.result(), null, null, stored, null);
    }
}
