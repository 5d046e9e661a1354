package org.checkersmtp.options;

import java.util.ArrayList;
import java.util.List;
import org.checkersmtp.observation.OptionalProbe;

/** The run options this checker understands, with their defaults, as published in /definition. */
public final class OptionCatalog {

    private OptionCatalog() {}

    public static List<OptionField> runOptions() {
        List<OptionField> fields = new ArrayList<>(List.of(
                OptionField.of(OptionsParser.DOMAIN, "string", "Mail domain", null,
                        "The domain whose MX hosts are tested (a trailing dot is accepted).")
                        .autoFilled("domain_name").requiredField(),
                OptionField.of(OptionsParser.SUBDOMAIN, "string", "Subdomain", null,
                        "Name of the MX service relative to the domain; empty for the apex.")
                        .autoFilled("subdomain").hidden(),
                OptionField.of(OptionsParser.TIMEOUT, "number", "Timeout per endpoint (seconds)",
                        (double) CheckOptions.DEFAULT_TIMEOUT.toSeconds(),
                        "Deadline of one SMTP session, from TCP connect to QUIT; capped by the deadline of the "
                                + "whole check."),
                OptionField.of(OptionsParser.HELO_NAME, "string", "EHLO name", CheckOptions.DEFAULT_HELO_NAME,
                        "The host name announced in EHLO/HELO.")));
        // The optional probes come after the EHLO name, each described once (OptionalProbe).
        for (OptionalProbe p : OptionalProbe.values()) {
            fields.add(OptionField.of(p.option(), "bool", p.label(), p.defaultOn(), p.description()));
        }
        fields.addAll(List.of(
                OptionField.of(OptionsParser.TEST_PROBE_ADDRESS, "string", "Outside probe address",
                        CheckOptions.DEFAULT_PROBE_ADDRESS,
                        "Outside address used by the open-relay probe; replaced by one outside the domain when it "
                                + "lies inside. Nothing is ever sent to it: the probe stops at RCPT."),
                OptionField.of(OptionsParser.TLS_POSTURE, "bool", "Examine TLS posture", false,
                        "Also examine every MX certificate (chain, name, expiry, key), the TLS versions still "
                                + "accepted, forward secrecy, DANE and MTA-STS. Off by default: happyDomain runs its "
                                + "own TLS checker on the endpoints this checker publishes.")));
        return List.copyOf(fields);
    }
}
