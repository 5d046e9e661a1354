package org.checkersmtp.rules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.checkersmtp.observation.SmtpObservation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;
import org.springframework.stereotype.Service;

/**
 * Runs every rule bean in its declared {@code @Order}, honours {@code enabledRules} (a rule runs unless
 * the map says false for it), stamps each state with its rule's name, and confines a failing rule to
 * one ERROR state of its own. Each rule reads the states of the rules run before it ({@link Verdicts}),
 * so a turned-off rule leaves no trace in any other. Two rules with one name, or a rule ordered before
 * one it reads, stop the service at start-up.
 */
@Service
public class RuleEvaluator {

    private static final Logger log = LoggerFactory.getLogger(RuleEvaluator.class);

    private final List<Rule> rules;
    private final List<EvaluationObserver> observers;
    private final List<RuleCode> codes;

    public RuleEvaluator(List<Rule> rules) {
        this(rules, List.of());
    }

    @Autowired
    public RuleEvaluator(List<Rule> rules, ObjectProvider<EvaluationObserver> observers) {
        this(rules, observers.orderedStream().toList());
    }

    private RuleEvaluator(List<Rule> rules, List<EvaluationObserver> observers) {
        this.observers = List.copyOf(observers);
        List<Rule> ordered = new ArrayList<>(rules);
        AnnotationAwareOrderComparator.sort(ordered);
        Map<String, Rule> byName = new HashMap<>();
        for (Rule rule : ordered) {
            Rule other = byName.putIfAbsent(rule.name(), rule);
            if (other != null) {
                throw new IllegalStateException("Two rules are named \"" + rule.name() + "\": "
                        + other.getClass().getName() + " and " + rule.getClass().getName()
                        + "; a rule's name is part of the API and must be unique");
            }
        }
        Set<RuleCode> before = new HashSet<>();
        for (Rule rule : ordered) {
            for (RuleCode read : rule.reads()) {
                Rule owner = ordered.stream().filter(r -> r.codes().contains(read)).findFirst().orElse(null);
                if (owner != null && !before.contains(read)) {
                    throw new IllegalStateException("Rule \"" + rule.name() + "\" reads " + read.code() + " of \""
                            + owner.name() + "\" but is not ordered after it: give " + rule.getClass().getName()
                            + " a higher @Order");
                }
            }
            before.addAll(rule.codes());
        }
        this.rules = List.copyOf(ordered);
        this.codes = ordered.stream().flatMap(r -> r.codes().stream()).toList();
    }

    /** All rules, in evaluation order. */
    public List<Rule> rules() {
        return rules;
    }

    /** The codes every rule declares, in evaluation order (what {@link WhatToFix} reads of them). */
    public List<RuleCode> codes() {
        return codes;
    }

    public List<CheckState> evaluate(SmtpObservation observation, RuleContext context,
                                     Map<String, Boolean> enabledRules) {
        List<CheckState> states = new ArrayList<>();
        Verdicts earlier = new Verdicts();
        RuleContext withEarlier = context.withEarlier(earlier);
        for (Rule rule : rules) {
            if (rule.isEnabled(enabledRules)) {
                List<CheckState> produced = run(rule, observation, withEarlier);
                earlier.add(rule.name(), produced);
                states.addAll(produced);
            }
        }
        return told(states);
    }

    /**
     * Every enabled rule answers ERROR with the same message: the observation could not be had
     * (absent from the request, or not decodable).
     */
    public List<CheckState> unavailable(String message, Map<String, Boolean> enabledRules) {
        List<CheckState> states = new ArrayList<>();
        for (Rule rule : rules) {
            if (rule.isEnabled(enabledRules)) {
                states.add(new CheckState(Status.ERROR, message, rule.name(), null, null, null));
            }
        }
        return told(states);
    }

    private List<CheckState> told(List<CheckState> states) {
        for (EvaluationObserver observer : observers) {
            try {
                observer.evaluated(states);
            } catch (RuntimeException e) {
                log.warn("evaluation observer {} failed; the states are unchanged", observer.getClass().getName(), e);
            }
        }
        return states;
    }

    private List<CheckState> run(Rule rule, SmtpObservation observation, RuleContext context) {
        List<CheckState> produced;
        try {
            produced = rule.evaluate(observation, context);
        } catch (RuntimeException e) {
            log.warn("rule {} failed", rule.name(), e);
            return List.of(new CheckState(Status.ERROR,
                    "rule \"" + rule.name() + "\" could not judge this observation (an internal error, logged by the "
                            + "service)", rule.name(), null, null, null));
        }
        if (produced == null || produced.isEmpty()) {
            return List.of(new CheckState(Status.UNKNOWN,
                    "rule \"" + rule.name() + "\" returned no state", rule.name(), null, null, null));
        }
        return produced.stream().map(s -> s.withRule(rule.name())).toList();
    }
}
