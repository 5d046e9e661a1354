package org.checkersmtp.json;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ser.std.StdSerializer;

/** Writes doubles as Go's encoding/json does (see {@link GoFloats}). */
final class GoFloatSerializer extends StdSerializer<Double> {

    GoFloatSerializer() {
        super(Double.class);
    }

    @Override
    public void serialize(Double value, JsonGenerator gen, SerializationContext ctxt) {
        gen.writeNumber(GoFloats.format(value));
    }
}
