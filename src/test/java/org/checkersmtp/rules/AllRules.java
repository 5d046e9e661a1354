package org.checkersmtp.rules;

import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;

/** Every rule component of the rules package, instantiated and ordered as the evaluator orders them. */
public final class AllRules {

    private AllRules() {}

    public static List<Rule> instances() {
        // Spring's own component scan (the @Component filter), so that test doubles are not picked up.
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(true);
        List<Rule> rules = new ArrayList<>();
        for (BeanDefinition candidate : scanner.findCandidateComponents("org.checkersmtp.rules")) {
            try {
                Class<?> type = Class.forName(candidate.getBeanClassName());
                if (!Rule.class.isAssignableFrom(type)) {
                    continue;
                }
                rules.add((Rule) type.getDeclaredConstructor().newInstance());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot instantiate " + candidate.getBeanClassName(), e);
            }
        }
        AnnotationAwareOrderComparator.sort(rules);
        return rules;
    }

    public static RuleEvaluator evaluator() {
        return new RuleEvaluator(instances());
    }
}
