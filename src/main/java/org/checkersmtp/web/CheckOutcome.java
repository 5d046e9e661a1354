package org.checkersmtp.web;

import java.time.Duration;
import org.checkersmtp.check.CheckResult;

/**
 * What the result page shows.
 *
 * @param result         the check, or null when the collect failed
 * @param collectFailure why the collect failed ("Collect failed: …"), or null
 * @param cachedAge      how old the result served from the cache is, or null when it was just computed
 */
record CheckOutcome(String domain, CheckResult result, String collectFailure, Duration cachedAge) {

    static CheckOutcome failed(String domain, String why) {
        return new CheckOutcome(domain, null, why, null);
    }
}
