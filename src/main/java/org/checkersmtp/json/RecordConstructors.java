package org.checkersmtp.json;

import java.lang.reflect.Constructor;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.ValueInstantiator;
import tools.jackson.databind.deser.ValueInstantiators;
import tools.jackson.databind.deser.std.StdValueInstantiator;
import tools.jackson.databind.introspect.AnnotatedConstructor;

/**
 * Records built through their canonical constructor by reflection. Jackson 3.1 calls a many-argument
 * creator with {@code MethodHandle.invokeWithArguments}, which adapts the handle again on every call: a
 * 20-endpoint observation is a few thousand records, and decoding it spent most of its time building
 * method handles (and kept the JIT recompiling). Everything else, the error wrapping included, stays
 * Jackson's.
 */
final class RecordConstructors extends ValueInstantiators.Base {

    @Override
    public ValueInstantiator modifyValueInstantiator(DeserializationConfig config,
                                                     BeanDescription.Supplier beanDescRef,
                                                     ValueInstantiator defaultInstantiator) {
        if (defaultInstantiator.getClass() == StdValueInstantiator.class
                && defaultInstantiator.getWithArgsCreator() instanceof AnnotatedConstructor creator
                && creator.getDeclaringClass().isRecord()) {
            Constructor<?> constructor = creator.getAnnotated();
            constructor.setAccessible(true);
            return new Reflective((StdValueInstantiator) defaultInstantiator, constructor);
        }
        return defaultInstantiator;
    }

    private static final class Reflective extends StdValueInstantiator {

        private final Constructor<?> constructor;

        Reflective(StdValueInstantiator jacksons, Constructor<?> constructor) {
            super(jacksons);
            this.constructor = constructor;
        }

        @Override
        public Object createFromObjectWith(DeserializationContext ctxt, Object[] args) {
            try {
                return constructor.newInstance(args);
            } catch (Exception e) {
                return ctxt.handleInstantiationProblem(_valueClass, args, rewrapCtorProblem(ctxt, e));
            }
        }
    }
}
