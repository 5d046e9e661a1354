package org.checkersmtp.testsupport;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import org.checkersmtp.observation.Connect;
import org.checkersmtp.observation.Coverage;
import org.checkersmtp.observation.EndReason;
import org.checkersmtp.observation.EndpointProbe;
import org.checkersmtp.observation.Extension;
import org.checkersmtp.observation.Greeting;
import org.checkersmtp.observation.IpFamily;
import org.checkersmtp.observation.MxLookup;
import org.checkersmtp.observation.MxRecord;
import org.checkersmtp.observation.AddressResolution;
import org.checkersmtp.observation.OptionalProbe;
import org.checkersmtp.observation.ProbeSettings;
import org.checkersmtp.observation.Reply;
import org.checkersmtp.observation.Phase;
import org.checkersmtp.observation.SessionEnd;
import org.checkersmtp.observation.SmtpObservation;
import org.checkersmtp.observation.TranscriptLine;

/** Small, realistic observations for tests that need one but do not test the collector. */
public final class SampleObservations {

    private SampleObservations() {}

    public static SmtpObservation oneGoodEndpoint() {
        MxRecord mx = new MxRecord(10, "mx1.example.com", List.of("192.0.2.25"), List.of(), false, List.of(),
                AddressResolution.OK, null);
        EndpointProbe endpoint = new EndpointProbe("mx1.example.com", 10, "192.0.2.25", IpFamily.IPV4, null,
                new Connect(true, null, null, 12),
                new Greeting(new Reply(220, null, List.of("mx1.example.com ESMTP <ready> & waiting")), 15, 15),
                new Reply(250, null, List.of("mx1.example.com", "PIPELINING", "STARTTLS")), null,
                List.of(new Extension("PIPELINING", List.of()), new Extension("STARTTLS", List.of())),
                null, List.of(), new Reply(221, "2.0.0", List.of("2.0.0 Bye")),
                List.of(new TranscriptLine("S", 15, "220 mx1.example.com ESMTP <ready> & waiting"),
                        new TranscriptLine("C", 16, "EHLO mx-checker.happydomain.org")),
                new SessionEnd(EndReason.COMPLETED, Phase.QUIT, null), 40);
        return new SmtpObservation("example.com", Instant.parse("2026-04-21T12:34:56Z"),
                new MxLookup(List.of(mx), null, false, false, false, List.of("example.com. 3600 IN MX 10 mx1.example.com.")),
                List.of(endpoint), new Coverage(1, 0, 1, 0, 0), SmtpObservation.SCHEMA_VERSION,
                new ProbeSettings("mx-checker.happydomain.org", 12000, 12000, EnumSet.allOf(OptionalProbe.class),
                        "postmaster@example.com", "postmaster@example.net", "postmaster@example.net"),
                55, null);
    }
}
