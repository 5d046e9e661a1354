package org.checkersmtp.observation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** docs/observation.md documents every JSON field of the observation records. */
class ObservationSchemaDocTest {

    @Test
    void everyFieldIsDocumented() throws Exception {
        String doc = Files.readString(Path.of("docs/observation.md"));
        Set<String> missing = new TreeSet<>();
        Set<Class<?>> seen = new HashSet<>();
        Deque<Class<?>> todo = new ArrayDeque<>();
        todo.add(SmtpObservation.class);
        while (!todo.isEmpty()) {
            Class<?> type = todo.pop();
            if (!type.isRecord() || !seen.add(type)) {
                continue;
            }
            for (RecordComponent c : type.getRecordComponents()) {
                if (c.getAccessor().isAnnotationPresent(JsonUnwrapped.class)) {
                    // ProbeSettings.probes: inline, one boolean per optional probe named by its option.
                    for (OptionalProbe p : OptionalProbe.values()) {
                        if (!doc.contains("`" + p.option() + "`")) {
                            missing.add(type.getSimpleName() + "." + p.option());
                        }
                    }
                    continue;
                }
                JsonProperty renamed = c.getAccessor().getAnnotation(JsonProperty.class);
                if (renamed == null) {
                    renamed = c.getAnnotation(JsonProperty.class);
                }
                String name = renamed != null && !renamed.value().isEmpty() ? renamed.value() : c.getName();
                if (!doc.contains("`" + name + "`")) {
                    missing.add(type.getSimpleName() + "." + name);
                }
                enqueue(c.getGenericType(), todo);
            }
        }
        assertThat(missing).as("fields missing from docs/observation.md").isEmpty();
        assertThat(doc).contains("(currently **" + SmtpObservation.SCHEMA_VERSION + "**)");
    }

    private static void enqueue(Type type, Deque<Class<?>> todo) {
        if (type instanceof Class<?> c) {
            todo.add(c);
        } else if (type instanceof ParameterizedType p) {
            for (Type arg : p.getActualTypeArguments()) {
                enqueue(arg, todo);
            }
        }
    }
}
