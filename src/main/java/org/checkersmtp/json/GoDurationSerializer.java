package org.checkersmtp.json;

import java.time.Duration;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ser.std.StdSerializer;

/** Writes durations as Go's {@code time.Duration}: integer nanoseconds. */
final class GoDurationSerializer extends StdSerializer<Duration> {

    GoDurationSerializer() {
        super(Duration.class);
    }

    @Override
    public void serialize(Duration value, JsonGenerator gen, SerializationContext ctxt) {
        gen.writeNumber(value.toNanos());
    }
}
