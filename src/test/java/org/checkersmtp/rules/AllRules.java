package org.checkersmtp.rules;

import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;
import org.springframework.core.annotation.OrderUtils;

/** Every rule component of the rules package, instantiated and ordered as the evaluator orders them. */
public final class AllRules {

    private AllRules() {}

    /** Shared by {@link #before}: the rules keep no state between evaluations. */
    private static final List<Rule> INSTANCES = instances();

    /** The rules the evaluator runs before {@code rule} (the rules are stateless: shared instances). */
    public static List<Rule> before(Rule rule) {
        int order = OrderUtils.getOrder(rule.getClass(), Ordered.LOWEST_PRECEDENCE);
        return INSTANCES.stream().filter(r -> !r.name().equals(rule.name())
                && OrderUtils.getOrder(r.getClass(), Ordered.LOWEST_PRECEDENCE) < order).toList();
    }

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
