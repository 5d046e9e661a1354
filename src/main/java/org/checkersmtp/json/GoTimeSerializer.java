package org.checkersmtp.json;

import java.time.Instant;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ser.std.StdSerializer;

/** Writes instants as Go's {@code time.Time} JSON (RFC 3339, UTC, trailing zeros of the fraction trimmed). */
final class GoTimeSerializer extends StdSerializer<Instant> {

    GoTimeSerializer() {
        super(Instant.class);
    }

    @Override
    public void serialize(Instant value, JsonGenerator gen, SerializationContext ctxt) {
        gen.writeString(GoTime.format(value));
    }
}
