package org.checkersmtp.collect.dns;

/**
 * Told how each DNS query the collector asks ended, for metrics; called on dnsjava's threads, so it must
 * be quick and thread-safe. An exception thrown here is ignored: it never changes a lookup.
 */
@FunctionalInterface
public interface DnsQueryListener {

    DnsQueryListener NONE = (type, outcome) -> { };

    /**
     * @param type    the record type asked ("MX", "A", "AAAA", "PTR")
     * @param outcome how the query ended
     */
    void answered(String type, Outcome outcome);

    /** How a query ended: the answer's RCODE, or no answer at all. */
    enum Outcome {
        NOERROR, NXDOMAIN, SERVFAIL, REFUSED,
        /** Any other RCODE (FORMERR, NOTIMP, …). */
        OTHER_RCODE,
        /** No answer within checker.dns.timeout. */
        TIMEOUT,
        /** The query could not be asked, or its answer could not be read. */
        ERROR
    }
}
