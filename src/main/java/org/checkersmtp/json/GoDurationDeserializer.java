package org.checkersmtp.json;

import java.time.Duration;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.std.StdDeserializer;

/** Reads what {@link GoDurationSerializer} writes (integer nanoseconds), so a stored value reads back the same. */
final class GoDurationDeserializer extends StdDeserializer<Duration> {

    GoDurationDeserializer() {
        super(Duration.class);
    }

    @Override
    public Duration deserialize(JsonParser parser, DeserializationContext ctxt) {
        return Duration.ofNanos(parser.getValueAsLong());
    }
}
