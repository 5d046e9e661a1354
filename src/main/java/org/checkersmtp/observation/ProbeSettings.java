package org.checkersmtp.observation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.annotation.JsonSerialize;
import tools.jackson.databind.deser.std.StdDeserializer;
import tools.jackson.databind.ser.std.StdSerializer;
import tools.jackson.databind.util.NameTransformer;

/**
 * What the collector was asked to do, so that rules can tell "not tested" from "passed".
 *
 * @param probes the optional probes made; on the wire one boolean per probe, named by its run option, always
 *               present, in {@link OptionalProbe}'s order (see {@link Switches})
 */
public record ProbeSettings(
        @JsonProperty("helo_name") String heloName,
        /** The timeout option as asked. */
        @JsonProperty("timeout_ms") long timeoutMs,
        /** The session deadline as used: the timeout option, at most the collect deadline. */
        @JsonProperty("effective_timeout_ms") long effectiveTimeoutMs,
        @JsonUnwrapped @JsonInclude(JsonInclude.Include.ALWAYS)
        @JsonSerialize(using = Switches.Writer.class) @JsonDeserialize(using = Switches.Reader.class)
        Set<OptionalProbe> probes,
        /** postmaster@domain. */
        @JsonProperty("postmaster_address") String postmasterAddress,
        /** The outside recipient used for the relay probe (test_probe_address, replaced when inside the domain). */
        @JsonProperty("relay_recipient") String relayRecipient,
        @JsonProperty("relay_sender") String relaySender) {

    public ProbeSettings {
        probes = Collections.unmodifiableSet(probes == null || probes.isEmpty()
                ? EnumSet.noneOf(OptionalProbe.class) : EnumSet.copyOf(probes));
    }

    public boolean made(OptionalProbe probe) {
        return probes.contains(probe);
    }

    /**
     * The probe set as the wire has always had it: {@code "test_null_sender":true,…} inline in the settings
     * (hence unwrapping), a false one written too, so a new probe is a new constant and nothing here.
     */
    static final class Switches {

        private Switches() {}

        static final class Writer extends StdSerializer<Set<OptionalProbe>> {

            Writer() {
                super(Set.class);
            }

            @Override
            public void serialize(Set<OptionalProbe> probes, JsonGenerator gen, SerializationContext ctx) {
                for (OptionalProbe p : OptionalProbe.values()) {
                    gen.writeBooleanProperty(p.option(), probes.contains(p));
                }
            }

            @Override
            public boolean isEmpty(SerializationContext ctx, Set<OptionalProbe> probes) {
                return false;
            }

            @Override
            public boolean isUnwrappingSerializer() {
                return true;
            }

            @Override
            public ValueSerializer<Set<OptionalProbe>> unwrappingSerializer(NameTransformer unwrapper) {
                return this;
            }
        }

        /** Reads the switches out of the settings' other properties (Jackson hands an unwrapped value them all). */
        static final class Reader extends StdDeserializer<Set<OptionalProbe>> {

            Reader() {
                super(Set.class);
            }

            @Override
            public Set<OptionalProbe> deserialize(JsonParser p, DeserializationContext ctx) {
                Set<OptionalProbe> probes = EnumSet.noneOf(OptionalProbe.class);
                JsonToken t = p.currentToken() == JsonToken.START_OBJECT ? p.nextToken() : p.currentToken();
                for (; t == JsonToken.PROPERTY_NAME; t = p.nextToken()) {
                    Optional<OptionalProbe> probe = OptionalProbe.switchedBy(p.currentName());
                    JsonToken value = p.nextToken();
                    if (probe.isPresent() && !value.isBoolean() && value != JsonToken.VALUE_NULL) {
                        return ctx.reportInputMismatch(this, "%s must be a boolean", probe.get().option());
                    }
                    if (probe.isPresent() && value == JsonToken.VALUE_TRUE) {
                        probes.add(probe.get());
                    }
                    p.skipChildren();
                }
                return probes;
            }

            /** A new instance: Jackson unwraps the property only when this differs from the plain deserializer. */
            @Override
            public ValueDeserializer<Set<OptionalProbe>> unwrappingDeserializer(DeserializationContext ctx,
                                                                                NameTransformer unwrapper) {
                return new Reader();
            }

            @Override
            public Set<OptionalProbe> getNullValue(DeserializationContext ctx) {
                return EnumSet.noneOf(OptionalProbe.class);
            }
        }
    }
}
