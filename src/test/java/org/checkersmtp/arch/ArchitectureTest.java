package org.checkersmtp.arch;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Dependencies point one way: entry points → pipeline stages → observation (design.md). Each layer
 * lists the packages that exist; a new entry point joins "EntryPoints", a new stage gets a layer here.
 * The infrastructure (security, ratelimit, cache) is used by entry points only and uses no pipeline stage.
 * Metrics plug into the stages' seams (observers, listeners) and nothing calls them: no stage knows Micrometer.
 */
@AnalyzeClasses(packages = "org.checkersmtp", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule layers = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("EntryPoints").definedBy("org.checkersmtp.api..", "org.checkersmtp.web..", "org.checkersmtp.cli..",
                    "org.checkersmtp.exporter..")
            .layer("Metrics").definedBy("org.checkersmtp.metrics..")
            .layer("Results").definedBy("org.checkersmtp.results..")
            .layer("Ownership").definedBy("org.checkersmtp.ownership..")
            .layer("Pipeline").definedBy("org.checkersmtp.check..")
            .layer("Collect").definedBy("org.checkersmtp.collect..")
            .layer("Rules").definedBy("org.checkersmtp.rules..")
            .layer("Report").definedBy("org.checkersmtp.report..")
            .layer("TlsPosture").definedBy("org.checkersmtp.tlsposture..")
            .layer("Smtp").definedBy("org.checkersmtp.smtp..")
            .layer("Dns").definedBy("org.checkersmtp.dns..")
            .layer("Observation").definedBy("org.checkersmtp.observation..")
            .layer("Options").definedBy("org.checkersmtp.options..")
            .layer("Json").definedBy("org.checkersmtp.json..")
            .layer("I18n").definedBy("org.checkersmtp.i18n..")
            .layer("Infrastructure").definedBy("org.checkersmtp.security..", "org.checkersmtp.ratelimit..",
                    "org.checkersmtp.cache..")
            .whereLayer("EntryPoints").mayNotBeAccessedByAnyLayer()
            .whereLayer("Metrics").mayNotBeAccessedByAnyLayer()
            // Stored results: a stage after the pipeline that the web and the exporter (keep=true) use; the metrics listen to it.
            // Proven domains: the /check page's gate, kept in the results' store, looked up with the resolver factory.
            .whereLayer("Ownership").mayOnlyBeAccessedByLayers("EntryPoints")
            .whereLayer("Results").mayOnlyBeAccessedByLayers("EntryPoints", "Metrics", "Ownership")
            .whereLayer("Pipeline").mayOnlyBeAccessedByLayers("EntryPoints", "Metrics", "Results")
            .whereLayer("Collect").mayOnlyBeAccessedByLayers("EntryPoints", "Pipeline", "Metrics", "Ownership")
            .whereLayer("Rules").mayOnlyBeAccessedByLayers("EntryPoints", "Pipeline", "Report", "Metrics", "Results")
            .whereLayer("Report").mayOnlyBeAccessedByLayers("EntryPoints", "Results")
            .whereLayer("TlsPosture").mayOnlyBeAccessedByLayers("EntryPoints", "Pipeline")
            // The one SMTP client, below both that speak SMTP.
            .whereLayer("Smtp").mayOnlyBeAccessedByLayers("Collect", "TlsPosture")
            // The one resolver factory, below both that ask DNS (and the command line's --dns).
            .whereLayer("Dns").mayOnlyBeAccessedByLayers("EntryPoints", "Collect", "TlsPosture", "Ownership")
            // Infrastructure reads only IpAddresses there: the one IP-literal parser (client addresses, networks);
            // the options read OptionalProbe, which the observation records.
            .whereLayer("Observation").mayOnlyBeAccessedByLayers("EntryPoints", "Pipeline", "Collect", "Rules",
                    "Report", "TlsPosture", "Metrics", "Smtp", "Infrastructure", "Options", "Results")
            .whereLayer("Options").mayOnlyBeAccessedByLayers("EntryPoints", "Pipeline", "Collect", "Rules", "Report",
                    "Results", "Ownership")
            // The message catalogue: the rules fill their states from it, the entry points speak the reader's
            // language; the options' labels, descriptions and refusals are its sentences too; what the observation
            // (nothing tested), the stored results (what changed), the proofs (why not proven) and the rate limits
            // (how long to wait) tell a person is a Text, said where it is shown.
            .whereLayer("I18n").mayOnlyBeAccessedByLayers("EntryPoints", "Rules", "Report", "Results", "Metrics",
                    "Pipeline", "Options", "Observation", "Ownership", "Infrastructure")
            // Login, rate limits and the shared result cache serve the entry points and know nothing of checks.
            .whereLayer("Infrastructure").mayOnlyBeAccessedByLayers("EntryPoints");
}
