package org.checkersmtp.collect;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.checkersmtp.observation.Coverage;
import org.checkersmtp.observation.MxLookup;
import org.checkersmtp.observation.MxRecord;
import org.checkersmtp.observation.ProbeSettings;
import org.checkersmtp.observation.SmtpObservation;
import org.checkersmtp.options.CheckOptions;
import org.springframework.stereotype.Service;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/** Options in, observation out: the first stage of the pipeline, shared by every entry point. */
@Service
public class SmtpCollector {

    private final Clock clock;

    public SmtpCollector(Clock clock) {
        this.clock = clock;
    }

    public SmtpObservation collect(CheckOptions options, Map<String, Boolean> enabledRules) {
        Instant start = clock.instant();
        MxLookup mx = lookupMx(options.domain());
        ProbeSettings settings = new ProbeSettings(options.heloName(), options.timeout().toMillis(),
                options.testNullSender(), options.testPostmaster(), options.testOpenRelay(),
                options.postmasterAddress(), options.relayRecipient(), options.relaySender());
        return new SmtpObservation(options.domain(), start, mx, List.of(), Coverage.EMPTY,
                SmtpObservation.SCHEMA_VERSION, settings,
                java.time.Duration.between(start, clock.instant()).toMillis(), null);
    }

    private static MxLookup lookupMx(String domain) {
        Lookup lookup;
        try {
            lookup = new Lookup(Name.fromString(domain + "."), Type.MX);
        } catch (TextParseException e) {
            return MxLookup.failed(e.getMessage());
        }
        Record[] answers = lookup.run();
        return switch (lookup.getResult()) {
            case Lookup.SUCCESSFUL -> {
                List<MxRecord> records = new ArrayList<>();
                List<String> raw = new ArrayList<>();
                for (Record r : answers) {
                    MXRecord mx = (MXRecord) r;
                    raw.add(mx.toString());
                    String target = mx.getTarget().toString(true).toLowerCase();
                    records.add(new MxRecord(mx.getPriority(), target, null, null, false, null, null, null));
                }
                yield new MxLookup(records, null, false, false, false, raw);
            }
            case Lookup.HOST_NOT_FOUND -> new MxLookup(List.of(), null, false, false, true, null);
            case Lookup.TYPE_NOT_FOUND -> new MxLookup(List.of(), null, false, true, false, null);
            default -> MxLookup.failed(lookup.getErrorString());
        };
    }
}
