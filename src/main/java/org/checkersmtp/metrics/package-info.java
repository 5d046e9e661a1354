/**
 * The service's own Prometheus series ({@code checker_*}, docs/deployment.md lists them), fed through the
 * seams of the stages — {@code check.CheckObserver}, {@code rules.EvaluationObserver},
 * {@code collect.dns.DnsQueryListener}, {@code results.ResultsObserver}, {@code SmtpCollector}'s session
 * counts — so that no stage knows Micrometer. Label values come from closed sets (entry points, phases,
 * outcomes, rule names, statuses): never a domain, a host name or an address, whatever is checked.
 */
package org.checkersmtp.metrics;
