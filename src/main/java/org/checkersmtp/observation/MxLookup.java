package org.checkersmtp.observation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * What DNS said about the domain's MX RRset. A failure ({@code error}) is never "no MX":
 * {@code records} is then empty and rules must say they could not determine.
 */
public record MxLookup(
        @JsonInclude(JsonInclude.Include.ALWAYS) List<MxRecord> records,
        /** DNS failure (SERVFAIL, REFUSED, timeout) that prevented a reliable answer. */
        String error,
        /** RFC 7505: the domain publishes a single "0 ." MX and takes no mail. */
        @JsonProperty("null_mx") boolean nullMx,
        /** No MX RRset: mail falls back to the domain's own A/AAAA (RFC 5321 §5.1); records holds that target. */
        @JsonProperty("implicit_mx") boolean implicitMx,
        /** The domain itself does not exist (NXDOMAIN). */
        boolean nxdomain,
        /** The MX RRset as DNS returned it, in presentation form, before any interpretation. */
        List<String> raw) {

    public MxLookup {
        records = records == null ? List.of() : List.copyOf(records);
        raw = raw == null ? List.of() : List.copyOf(raw);
    }

    public static MxLookup failed(String error) {
        return new MxLookup(List.of(), error, false, false, false, List.of());
    }
}
