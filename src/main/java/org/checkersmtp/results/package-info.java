/**
 * Results that last: every /check stored under an unguessable id ({@link org.checkersmtp.results.ResultIds}),
 * private to its owner until made public, kept for {@code checker.results.retention}, listed as the owner's
 * history, and compared with the previous result of the same domain and options ({@link
 * org.checkersmtp.results.Changes}). {@link org.checkersmtp.results.Results} holds the rules (ids, owners,
 * bounds, expiry); {@link org.checkersmtp.results.ResultStore} is where the bytes live: local disk (MVStore)
 * or Redis, by {@code checker.shared-state}.
 */
package org.checkersmtp.results;
