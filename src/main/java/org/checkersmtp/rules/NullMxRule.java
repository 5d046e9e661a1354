package org.checkersmtp.rules;

import java.util.List;
import java.util.regex.Pattern;
import org.checkersmtp.observation.MxLookup;
import org.checkersmtp.observation.SmtpObservation;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Whether the domain publishes a null MX (RFC 7505), i.e. declares that it takes no mail. */
@Component
@Order(10)
public class NullMxRule implements Rule {

    /** A raw MX line whose target is the root: "example.org. 300 IN MX 0 ." */
    private static final Pattern ROOT_TARGET = Pattern.compile(".*\\sMX\\s+\\d+\\s+\\.$");

    static final RuleCode PUBLISHED = new RuleCode("smtp.null_mx.published", Status.INFO);
    static final RuleCode MIXED = new RuleCode("smtp.null_mx.mixed", Status.INFO);
    static final RuleCode ABSENT = new RuleCode("smtp.null_mx.absent", Status.OK);
    static final RuleCode UNDETERMINED = new RuleCode("smtp.null_mx.undetermined", Status.ERROR);

    @Override
    public String name() {
        return "smtp.null_mx";
    }

    @Override
    public List<RuleCode> codes() {
        return List.of(PUBLISHED, MIXED, ABSENT, UNDETERMINED);
    }

    @Override
    public List<CheckState> evaluate(SmtpObservation obs, RuleContext context) {
        String domain = obs.domain();
        MxLookup mx = obs.mx();
        if (mx.error() != null && !mx.error().isEmpty()) {
            return States.of(UNDETERMINED, "smtp.null_mx.undetermined.message", "domain", domain, "error", mx.error())
                    .subject(domain).evidence(mx.error()).reproduce(Reproduce.digMx(domain)).list();
        }
        if (mx.nullMx()) {
            return States.of(PUBLISHED, "smtp.null_mx.published.message", "domain", domain)
                    .subject(domain).evidence(mx.raw()).reproduce(Reproduce.digMx(domain)).reference("RFC 7505").list();
        }
        boolean rootTarget = mx.raw().stream().anyMatch(line -> ROOT_TARGET.matcher(line).matches());
        if (rootTarget) {
            return States.of(MIXED, "smtp.null_mx.mixed.message", "domain", domain)
                    .subject(domain).evidence(mx.raw()).reproduce(Reproduce.digMx(domain)).reference("RFC 7505 §3")
                    .list();
        }
        return States.of(ABSENT, "smtp.null_mx.absent.message", "domain", domain).subject(domain).list();
    }
}
