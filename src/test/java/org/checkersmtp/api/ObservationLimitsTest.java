package org.checkersmtp.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.checkersmtp.observation.SmtpObservation;
import org.checkersmtp.rules.AllRules;
import org.checkersmtp.testsupport.TestCollectors;
import org.junit.jupiter.api.Test;

/**
 * Every text and list an observation can carry is bounded on /evaluate and /report, as
 * ObservationSchemaDocTest keeps docs/observation.md whole: an observation with every field present
 * (found by reflection over the records) goes through the check, and each String, List and Map field
 * it holds must be one the check bounded.
 */
class ObservationLimitsTest {

    private final ObservationLimits limits = new ObservationLimits(
            TestCollectors.properties(null, 25, Duration.ofSeconds(90)), AllRules.evaluator());

    @Test
    void everyTextAndListFieldOfAnObservationHasALimit() throws Exception {
        SmtpObservation full = (SmtpObservation) instance(SmtpObservation.class);
        Set<String> fields = new TreeSet<>();
        fieldsOf(SmtpObservation.class, "", fields);

        assertThat(limits.limitedFields(full)).as("fields /evaluate and /report bound").containsAll(fields);
        assertThat(fields).as("the walk found the observation's shape").contains("domain", "mx.raw[]",
                "endpoints[].transcript[].line", "endpoints[].starttls.extensions[].params[]",
                "tls_posture.endpoints[].certificates[].san[]", "tls_posture.mta_sts.coverage[].pattern");
    }

    /** The JSON paths of the String, List and Map fields reachable from a record type. */
    private static void fieldsOf(Class<?> type, String prefix, Set<String> out) {
        for (RecordComponent c : type.getRecordComponents()) {
            String path = prefix + json(c);
            Class<?> t = c.getType();
            if (t == String.class || Map.class.isAssignableFrom(t)) {
                out.add(path);
            } else if (List.class.isAssignableFrom(t)) {
                out.add(path);
                Class<?> element = element(c.getGenericType());
                if (element == String.class) {
                    out.add(path + "[]");
                } else if (element.isRecord()) {
                    fieldsOf(element, path + "[].", out);
                }
            } else if (t.isRecord()) {
                fieldsOf(t, path + ".", out);
            }
        }
    }

    /** A record with every component present: one element per list, the first constant of each enum. */
    private static Object instance(Class<?> type) throws Exception {
        RecordComponent[] components = type.getRecordComponents();
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            values[i] = value(components[i].getType(), components[i].getGenericType());
        }
        Constructor<?> canonical = type.getDeclaredConstructor(
                Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
        canonical.setAccessible(true);
        return canonical.newInstance(values);
    }

    private static Object value(Class<?> t, Type generic) throws Exception {
        if (t == String.class) {
            return "x";
        } else if (List.class.isAssignableFrom(t)) {
            return List.of(value(element(generic), null));
        } else if (Map.class.isAssignableFrom(t)) {
            return Map.of();
        } else if (t.isRecord()) {
            return instance(t);
        } else if (t.isEnum()) {
            return t.getEnumConstants()[0];
        } else if (t == Instant.class) {
            return Instant.EPOCH;
        } else if (t == boolean.class) {
            return false;
        } else if (t.isPrimitive()) {
            return t == long.class ? (Object) 0L : t == double.class ? (Object) 0.0 : (Object) 0;
        } else if (t.isArray()) {
            return Array.newInstance(t.getComponentType(), 0);
        }
        return null;
    }

    private static Class<?> element(Type generic) {
        Type argument = ((ParameterizedType) generic).getActualTypeArguments()[0];
        return argument instanceof Class<?> c ? c : (Class<?>) ((ParameterizedType) argument).getRawType();
    }

    private static String json(RecordComponent c) {
        JsonProperty property = c.getAnnotation(JsonProperty.class);
        if (property != null && !property.value().isEmpty()) {
            return property.value();
        }
        return c.getName().replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }
}
