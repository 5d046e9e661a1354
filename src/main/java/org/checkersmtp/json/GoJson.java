package org.checkersmtp.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import tools.jackson.core.JacksonException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * The one JSON mapper of the service, configured to write what Go's {@code encoding/json} writes
 * (happyDomain's checker SDK is Go, and hosts compare bytes):
 * HTML-safe escaping, lowercase hex escapes, sorted map keys, shortest floats without ".0",
 * RFC 3339 times with trimmed nanoseconds, durations as integer nanoseconds (both ways), and {@code omitempty}
 * as the default inclusion (fields that Go always writes carry {@code @JsonInclude(ALWAYS)}).
 * Reading is as lenient as Go's decoder: unknown fields ignored, names matched case-insensitively,
 * trailing bytes after the first value ignored.
 */
public final class GoJson {

    private static final JsonMapper MAPPER = build();

    private GoJson() {}

    public static JsonMapper mapper() {
        return MAPPER;
    }

    /** Serialises like Go's {@code json.Encoder.Encode}: the value followed by one newline. */
    public static byte[] encode(Object value) {
        byte[] body = MAPPER.writeValueAsBytes(value);
        byte[] withNewline = new byte[body.length + 1];
        System.arraycopy(body, 0, withNewline, 0, body.length);
        withNewline[body.length] = '\n';
        return withNewline;
    }

    /** Serialises like Go's {@code json.Marshal}: no trailing newline. */
    public static String marshal(Object value) {
        return new String(MAPPER.writeValueAsBytes(value), StandardCharsets.UTF_8);
    }

    public static <T> T decode(byte[] body, Class<T> type) throws JacksonException {
        return MAPPER.readValue(body, type);
    }

    private static JsonMapper build() {
        JsonFactory factory = JsonFactory.builder()
                .characterEscapes(new GoCharacterEscapes())
                .disable(JsonWriteFeature.ESCAPE_FORWARD_SLASHES)
                .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
                .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
                .build();
        SimpleModule goTypes = new SimpleModule("go-types")
                .addSerializer(Double.class, new GoFloatSerializer())
                .addSerializer(Double.TYPE, new GoFloatSerializer())
                .addSerializer(Instant.class, new GoTimeSerializer())
                .addSerializer(Duration.class, new GoDurationSerializer())
                .addDeserializer(Duration.class, new GoDurationDeserializer());
        SimpleModule records = new SimpleModule("record-constructors") {
            @Override
            public void setupModule(SetupContext context) {
                super.setupModule(context);
                context.addValueInstantiators(new RecordConstructors());
            }
        };
        return JsonMapper.builder(factory)
                .addModule(goTypes)
                .addModule(records)
                .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .changeDefaultPropertyInclusion(incl -> JsonInclude.Value.construct(
                        JsonInclude.Include.NON_DEFAULT, JsonInclude.Include.ALWAYS))
                .build();
    }
}
